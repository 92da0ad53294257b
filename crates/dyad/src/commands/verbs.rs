//! The event stage over the verb dictionaries `code`, `explain` and `validate`
//! ask for: dyad's own and imported PETRARCH-2 ones.

use crate::cli::VerbArgs;
use anyhow::{bail, Context, Result};
use dyad_events::{
    outside_codes, petrarch_to_dyad, petrarch_to_dyad_with, DictErrors, EventStage, ImportStats,
};
use std::path::{Path, PathBuf};

/// Reads a PETRARCH-2 verb dictionary: (name, text).
fn read_petrarch(path: &Path) -> Result<(String, String)> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read the PETRARCH verb dictionary {}",
            path.display()
        )
    })?;
    Ok((path.display().to_string(), text))
}

/// Reads and translates a PETRARCH-2 verb dictionary: (name, dyad text, stats).
pub fn import(path: &Path) -> Result<(String, String, ImportStats)> {
    let (name, text) = read_petrarch(path)?;
    let (dyad, stats) = petrarch_to_dyad(&text, &name);
    Ok((format!("{name} (imported)"), dyad, stats))
}

/// One line on stderr saying what an import read and skipped.
pub fn report(stats: &ImportStats) {
    eprintln!(
        "verbs: {}: {} blocks, {} member verbs ({} skipped), {} patterns of which {} imported \
         ({} without a code, {} not CAMEO, {} passive-only, {} transformations not imported); \
         {} classes; {} problem lines",
        stats.file,
        stats.verb_blocks,
        stats.verbs,
        stats.verbs_skipped,
        stats.patterns,
        stats.patterns_imported,
        stats.no_code,
        stats.not_cameo,
        stats.passive_only,
        stats.transformations,
        stats.synsets,
        stats.problems.len()
    );
}

/// The event stage over the shipped dictionaries (without their verbs when
/// asked) and the imported PETRARCH verbs.
pub fn stage(args: &VerbArgs) -> Result<EventStage> {
    if args.no_default_verbs && args.verbs_petrarch.is_empty() {
        bail!("--no-default-verbs leaves no verb patterns: give --verbs-petrarch FILE");
    }
    let extra = imports(&args.verbs_petrarch)?;
    let stage = match &args.events_dir {
        None => loaded(EventStage::shipped_with(!args.no_default_verbs, &extra))?,
        Some(dir) => {
            let (cameo, mut sources) = read_events_dir(dir, !args.no_default_verbs)?;
            sources.extend(extra);
            loaded(EventStage::from_sources(&cameo, &sources))?
        }
    };
    Ok(stage.one_sided(args.one_sided))
}

/// The CAMEO table and the other dictionary files of a directory laid out as
/// data/events, as the build embeds them: every `.txt` below it, in path order,
/// without verbs/ unless `verbs`.
fn read_events_dir(dir: &Path, verbs: bool) -> Result<(String, Vec<(String, String)>)> {
    let cameo_path = dir.join("cameo.tsv");
    let cameo = std::fs::read_to_string(&cameo_path)
        .with_context(|| format!("cannot read the CAMEO table {}", cameo_path.display()))?;
    let mut paths = Vec::new();
    collect_txt(dir, &mut paths)?;
    paths.sort();
    let verbs_dir = dir.join("verbs");
    let mut sources = Vec::new();
    for path in paths
        .into_iter()
        .filter(|p| verbs || !p.starts_with(&verbs_dir))
    {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        sources.push((path.display().to_string(), text));
    }
    Ok((cameo, sources))
}

fn collect_txt(dir: &Path, paths: &mut Vec<PathBuf>) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot read {}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_txt(&path, paths)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            paths.push(path);
        }
    }
    Ok(())
}

/// The event stage over the imported PETRARCH verbs alone: no shipped verbs,
/// classes, intent rules, issues or discards. The CAMEO table is dyad's, with
/// the files' own numeric codes outside CAMEO added, so that a PETRARCH suite
/// written with them (`903`) is coded as its dictionary says.
pub fn petrarch_only(paths: &[PathBuf], more: &[(String, String)]) -> Result<EventStage> {
    let mut cameo = dyad_events::shipped_cameo_table();
    let mut texts = Vec::new();
    for path in paths {
        let (name, text) = read_petrarch(path)?;
        for code in outside_codes(&text, &cameo) {
            cameo.add_outside(&code);
        }
        texts.push((name, text));
    }
    let mut extra = Vec::new();
    for (name, text) in texts {
        let (dyad, stats) = petrarch_to_dyad_with(&text, &name, &cameo);
        report(&stats);
        extra.push((format!("{name} (imported)"), dyad));
    }
    extra.extend(more.iter().cloned());
    loaded(EventStage::from_table(cameo, &extra))
}

fn imports(paths: &[PathBuf]) -> Result<Vec<(String, String)>> {
    let mut extra = Vec::new();
    for path in paths {
        let (name, dyad, stats) = import(path)?;
        report(&stats);
        extra.push((name, dyad));
    }
    Ok(extra)
}

fn loaded(stage: Result<EventStage, DictErrors>) -> Result<EventStage> {
    stage.map_err(|errors| {
        let lines: Vec<String> = errors.0.iter().take(20).map(ToString::to_string).collect();
        anyhow::anyhow!(
            "the event dictionaries cannot be read ({} errors):\n{}",
            errors.0.len(),
            lines.join("\n")
        )
    })
}
