//! dyad's benchmark program. It runs the real `dyad` binary on news text from
//! ../shared/data/news, measures wall time and peak memory of the child process,
//! and prints a report. Speed targets are checked here, never in unit tests.
//!
//! ```text
//! cargo build --release --workspace
//! target/release/dyad-bench split [--megabytes 200] [--threads 1]
//! target/release/dyad-bench parse [--megabytes 20] [--threads 1]
//! target/release/dyad-bench code [--megabytes 20] [--threads 1]
//! target/release/dyad-bench store [--events 1000000]
//! ```
//!
//! `store` needs no news: it writes synthetic events through the dyad-store library.

mod store;

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const NEWS_FILES: [&str; 2] = [
    "wikinews_2019-2020_cc-by-2.5.jsonl",
    "bbc_news_2004-2005_dev.jsonl",
];

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("split");
    let megabytes: Option<usize> = option(&args, "--megabytes");
    let threads: usize = option(&args, "--threads").unwrap_or(1);
    match task {
        "split" => bench_split(megabytes.unwrap_or(200), threads),
        "parse" => bench_parse(megabytes.unwrap_or(20), threads),
        "code" => bench_code(megabytes.unwrap_or(20), threads),
        "store" => store::bench_store(
            option(&args, "--events").unwrap_or(1_000_000),
            &tempfile_dir()?,
        ),
        other => bail!("unknown benchmark {other:?}; available: split, parse, code, store"),
    }
}

fn option(args: &[String], name: &str) -> Option<usize> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1)?.parse().ok()
}

/// `dyad split` over news repeated to `megabytes`, and over a quarter of it, to
/// show throughput and that peak memory does not grow with the input.
fn bench_split(megabytes: usize, threads: usize) -> Result<()> {
    let news = news_dir()?;
    let dyad = dyad_binary()?;
    let scratch = tempfile_dir()?;
    println!("dyad-bench split: {} (threads {threads})", dyad.display());
    println!(
        "{:>10} {:>9} {:>9} {:>12} {:>12} {:>10}",
        "input MB", "seconds", "MB/s", "sentences/s", "tokens/s", "peak RSS"
    );
    for size in [megabytes / 4, megabytes] {
        let input = scratch.join(format!("news-{size}mb.jsonl"));
        let bytes = repeat_news(&news, &input, size << 20)?;
        let run = run_dyad(&dyad, &["split", "--threads", &threads.to_string()], &input)?;
        let mb = bytes as f64 / (1 << 20) as f64;
        println!(
            "{:>10.1} {:>9.2} {:>9.1} {:>12.0} {:>12.0} {:>7.1} MB",
            mb,
            run.seconds,
            mb / run.seconds,
            run.sentences as f64 / run.seconds,
            run.tokens as f64 / run.seconds,
            run.peak_rss_kb as f64 / 1024.0
        );
        std::fs::remove_file(&input)?;
    }
    Ok(())
}

/// `dyad parse` (segment, tag, lemmatize, parse, write CoNLL-U) against
/// `dyad split --format conllu` (segment, write CoNLL-U) on the same news: the
/// difference in CPU time is what tagging, lemmatizing and parsing cost.
fn bench_parse(megabytes: usize, threads: usize) -> Result<()> {
    let news = news_dir()?;
    let dyad = dyad_binary()?;
    let scratch = tempfile_dir()?;
    let input = scratch.join(format!("news-{megabytes}mb.jsonl"));
    let bytes = repeat_news(&news, &input, megabytes << 20)?;
    let threads = threads.to_string();
    println!(
        "dyad-bench parse: {} on {:.1} MB of news (threads {threads})",
        dyad.display(),
        bytes as f64 / (1 << 20) as f64
    );
    println!(
        "{:>26} {:>9} {:>9} {:>10} {:>14} {:>10}",
        "command", "wall s", "CPU s", "tokens", "tokens/CPU s", "peak RSS"
    );
    let mut runs = Vec::new();
    for (name, args) in [
        (
            "split --format conllu",
            vec!["split", "--format", "conllu", "--threads", &threads],
        ),
        ("parse", vec!["parse", "--threads", &threads]),
    ] {
        let run = run_dyad(&dyad, &args, &input)?;
        println!(
            "{name:>26} {:>9.2} {:>9.2} {:>10} {:>14.0} {:>7.1} MB",
            run.seconds,
            run.cpu_seconds,
            run.tokens,
            run.tokens as f64 / run.cpu_seconds,
            run.peak_rss_kb as f64 / 1024.0
        );
        runs.push(run);
    }
    let (split, parse) = (&runs[0], &runs[1]);
    let nlp_seconds = parse.cpu_seconds - split.cpu_seconds;
    println!(
        "tag + lemmatize + parse: {:.2} CPU s for {} tokens = {:.0} tokens per CPU second",
        nlp_seconds,
        parse.tokens,
        parse.tokens as f64 / nlp_seconds
    );
    std::fs::remove_file(&input)?;
    Ok(())
}

/// `dyad code` end to end (read, split, parse, actors, places, events, write) over
/// news repeated to `megabytes`: sentences and events per CPU second.
fn bench_code(megabytes: usize, threads: usize) -> Result<()> {
    let news = news_dir()?;
    let dyad = dyad_binary()?;
    let scratch = tempfile_dir()?;
    let input = scratch.join(format!("news-{megabytes}mb.jsonl"));
    let bytes = repeat_news(&news, &input, megabytes << 20)?;
    let run = run_dyad(&dyad, &["code", "--threads", &threads.to_string()], &input)?;
    println!(
        "dyad-bench code: {} on {:.1} MB of news (threads {threads})",
        dyad.display(),
        bytes as f64 / (1 << 20) as f64
    );
    println!(
        "{:.2} s wall, {:.2} s CPU; {} sentences = {:.0} sentences per CPU second; {} events; peak RSS {:.1} MB",
        run.seconds,
        run.cpu_seconds,
        run.sentences,
        run.sentences as f64 / run.cpu_seconds,
        run.events,
        run.peak_rss_kb as f64 / 1024.0
    );
    std::fs::remove_file(&input)?;
    Ok(())
}

fn news_dir() -> Result<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/news");
    if !root.join(NEWS_FILES[0]).exists() {
        bail!(
            "news text not found at {}; the benchmark needs ../shared beside the repository",
            root.display()
        );
    }
    Ok(root)
}

fn dyad_binary() -> Result<PathBuf> {
    let here = std::env::current_exe()?;
    let binary = here.with_file_name("dyad");
    if !binary.exists() {
        bail!(
            "{} not found; run `cargo build --release --workspace` first",
            binary.display()
        );
    }
    Ok(binary)
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("dyad-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Writes the news stories again and again, with fresh ids, until `target` bytes.
fn repeat_news(news: &Path, output: &Path, target: usize) -> Result<usize> {
    let mut lines = Vec::new();
    for name in NEWS_FILES {
        let file = File::open(news.join(name)).with_context(|| format!("cannot open {name}"))?;
        for line in BufReader::new(file).lines() {
            let mut story: serde_json::Value = serde_json::from_str(&line?)?;
            if story.get("date").is_none() {
                story["date"] = "2005-01-01".into();
            }
            lines.push(story);
        }
    }
    let mut out = BufWriter::new(File::create(output)?);
    let mut written = 0;
    for round in 0.. {
        for story in &mut lines {
            let id = format!("{}#{round}", story["id"].as_str().unwrap_or(""));
            let mut copy = story.clone();
            copy["id"] = id.into();
            let line = serde_json::to_string(&copy)?;
            writeln!(out, "{line}")?;
            written += line.len() + 1;
            if written >= target {
                out.flush()?;
                return Ok(written);
            }
        }
    }
    unreachable!("the loop returns once enough is written")
}

struct Run {
    seconds: f64,
    /// User and system time of the child.
    cpu_seconds: f64,
    sentences: u64,
    tokens: u64,
    events: u64,
    peak_rss_kb: i64,
}

/// Runs `dyad` on `input` with output discarded; reads the counts from its summary
/// and the child's peak resident memory from the kernel.
fn run_dyad(dyad: &Path, args: &[&str], input: &Path) -> Result<Run> {
    let cpu_before = children_usage().1;
    let start = Instant::now();
    let child = Command::new(dyad)
        .args(args)
        .arg(input)
        .args(["-o", "/dev/null"])
        .stderr(Stdio::piped())
        .spawn()?;
    let output = child.wait_with_output()?;
    let seconds = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("dyad failed: {stderr}");
    }
    let count = |unit: &str| -> u64 {
        stderr
            .split([',', '\n'])
            .find_map(|part| {
                part.trim()
                    .strip_suffix(unit)?
                    .rsplit(' ')
                    .next()?
                    .parse()
                    .ok()
            })
            .unwrap_or(0)
    };
    let (peak_rss_kb, cpu_after) = children_usage();
    Ok(Run {
        seconds,
        cpu_seconds: cpu_after - cpu_before,
        sentences: count(" sentences"),
        tokens: count(" tokens"),
        events: events_written(&stderr),
        peak_rss_kb,
    })
}

/// The number before "events written" in `dyad code`'s summary.
fn events_written(stderr: &str) -> u64 {
    stderr
        .split(" events written")
        .next()
        .filter(|before| before.len() < stderr.len())
        .and_then(|before| before.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// For all waited-for children so far: the largest resident set in KiB, and
/// their user plus system time in seconds. Runs go from small to large, so the
/// peak after each run is that run's.
fn children_usage() -> (i64, f64) {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (
        usage.ru_maxrss,
        seconds(usage.ru_utime) + seconds(usage.ru_stime),
    )
}
