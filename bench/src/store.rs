//! `dyad-bench store`: write throughput of the event stores, measured on synthetic
//! but realistic events built in memory (no news text needed), through the
//! dyad-store library as `dyad code --db` and `--format parquet` use it.

use anyhow::Result;
use dyad_doc::{ActorCode, ActorMention, CameoCode, Date, Event, Evidence, Location, Plover, Span};
use dyad_store::{dedup, stats, text_hash, EventStore, ParquetEventWriter, StoredStory};
use std::path::Path;
use std::time::Instant;

/// Stories per transaction, as `dyad code --db` commits them.
const BATCH: usize = 256;

const COUNTRIES: [&str; 20] = [
    "USA", "TUR", "RUS", "UKR", "CHN", "IRN", "ISR", "PSE", "FRA", "DEU", "GBR", "IND", "PAK",
    "SYR", "IRQ", "AFG", "EGY", "SAU", "NGA", "BRA",
];
const SECTORS: [&str; 6] = ["", "GOV", "MIL", "OPP", "REB", "BUS"];
/// (code, QuadClass, Goldstein, PLOVER type) of common CAMEO codes.
const CODES: [(&str, u8, f64, &str); 12] = [
    ("010", 1, 0.0, "CONSULT"),
    ("013", 1, 0.4, "CONSULT"),
    ("036", 1, 4.0, "CONSULT"),
    ("040", 1, 1.0, "CONSULT"),
    ("042", 1, 1.9, "CONSULT"),
    ("051", 1, 3.4, "COOPERATE"),
    ("0874", 2, 10.0, "AID"),
    ("1041", 3, -5.0, "DEMAND"),
    ("112", 3, -2.0, "ACCUSE"),
    ("141", 3, -6.5, "PROTEST"),
    ("173", 4, -5.0, "SEIZE"),
    ("190", 4, -10.0, "FIGHT"),
];
const WORDS: [&str; 16] = [
    "minister",
    "said",
    "talks",
    "border",
    "troops",
    "agreement",
    "on",
    "the",
    "president",
    "government",
    "sanctions",
    "visit",
    "Monday",
    "officials",
    "rebels",
    "capital",
];

/// A small deterministic generator (xorshift64*), so every run writes the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn actor(rng: &mut Rng, at: usize) -> ActorMention {
    let country = rng.pick(&COUNTRIES);
    let sector = rng.pick(&SECTORS);
    let text = format!(
        "{country} {}",
        if sector.is_empty() {
            "officials"
        } else {
            "ministry"
        }
    );
    ActorMention {
        code: ActorCode::new(&format!("{country}{sector}")).expect("valid code"),
        country: Some(country.to_owned()),
        sectors: (!sector.is_empty())
            .then(|| sector.to_owned())
            .into_iter()
            .collect(),
        span: Span::new(at, at + text.len()),
        text,
    }
}

fn sentence(rng: &mut Rng) -> String {
    let words = 12 + rng.below(40);
    let mut text: Vec<&str> = (0..words).map(|_| rng.pick(&WORDS)).collect();
    text.push("said.");
    text.join(" ")
}

fn event(rng: &mut Rng, story: &str, index: usize, date: Date) -> Event {
    let (cameo, quad_class, goldstein, plover) = CODES[rng.below(CODES.len())];
    let at = rng.below(2000);
    let place = rng.pick(&COUNTRIES);
    Event {
        story_id: story.to_owned(),
        sentence: index * 2 + rng.below(3),
        date,
        source: rng.chance(95).then(|| actor(rng, at)),
        target: rng.chance(85).then(|| actor(rng, at + 40)),
        cameo: CameoCode::new(cameo).expect("valid code"),
        quad_class,
        goldstein,
        plover: Some(Plover {
            kind: plover.to_owned(),
            mode: String::new(),
            context: if rng.chance(30) {
                vec!["military".into()]
            } else {
                vec![]
            },
        }),
        issues: if rng.chance(20) {
            vec!["ARMS".into()]
        } else {
            vec![]
        },
        location: rng.chance(60).then(|| Location {
            name: format!("{place} capital"),
            country: Some(place.to_owned()),
            admin1: rng.chance(50).then(|| "Capital District".to_owned()),
            lat: (rng.below(18_000) as f64) / 100.0 - 90.0,
            lon: (rng.below(36_000) as f64) / 100.0 - 180.0,
            span: Span::new(at + 80, at + 92),
        }),
        verb: Some(Evidence {
            text: "met".into(),
            span: Span::new(at + 20, at + 23),
        }),
        rule: format!("{}/{:02}", plover.to_lowercase(), rng.below(20)),
        negated: rng.chance(3),
        text: sentence(rng),
    }
}

/// Stories of 1 to 6 events each over three years, `events` events in all.
fn synthetic_stories(events: usize) -> Vec<StoredStory> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut stories = Vec::new();
    let mut made = 0;
    while made < events {
        let id = format!("news-{:08}", stories.len());
        let date = Date::from_ymd(
            2019 + rng.below(3) as u16,
            1 + rng.below(12) as u8,
            1 + rng.below(28) as u8,
        )
        .expect("valid date");
        let count = (1 + rng.below(6)).min(events - made);
        let events = (0..count).map(|i| event(&mut rng, &id, i, date)).collect();
        made += count;
        stories.push(StoredStory {
            text_hash: text_hash(&id),
            id,
            date,
            source: Some("wikinews".into()),
            title: Some(sentence(&mut rng)),
            events,
        });
    }
    stories
}

/// Writes `events` synthetic events into SQLite and Parquet and reports events/s
/// and bytes per million events.
pub fn bench_store(events: usize, scratch: &Path) -> Result<()> {
    let stories = synthetic_stories(events);
    let total: usize = stories.iter().map(|s| s.events.len()).sum();
    println!(
        "dyad-bench store: {total} synthetic events in {} stories ({} stories per transaction)",
        stories.len(),
        BATCH
    );
    println!(
        "{:>8} {:>9} {:>12} {:>10} {:>16}",
        "store", "seconds", "events/s", "MB", "MB per M events"
    );
    let db = scratch.join("bench.db");
    let started = Instant::now();
    let mut store = EventStore::open(&db)?;
    for batch in stories.chunks(BATCH) {
        store.write_stories(batch)?;
    }
    drop(store); // closing checkpoints the WAL into the file
    report(
        "sqlite",
        total,
        started.elapsed().as_secs_f64(),
        file_size(&db)?,
    );

    let parquet = scratch.join("bench.parquet");
    let started = Instant::now();
    let mut writer = ParquetEventWriter::create(&parquet)?;
    for event in stories.iter().flat_map(|s| &s.events) {
        writer.write(event)?;
    }
    writer.finish()?;
    report(
        "parquet",
        total,
        started.elapsed().as_secs_f64(),
        file_size(&parquet)?,
    );

    let store = EventStore::open_read_only(&db)?;
    let started = Instant::now();
    let daily = dedup::daily_events(&store)?.len();
    let dedup_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let query = stats::StatsQuery {
        by: Some(stats::Period::Month),
        ..stats::StatsQuery::default()
    };
    let groups = stats::stats(&store, &query)?.len();
    println!(
        "queries: daily_events view {daily} rows in {dedup_seconds:.2} s; stats by dyad and month {groups} rows in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    std::fs::remove_file(&db)?;
    std::fs::remove_file(&parquet)?;
    Ok(())
}

fn report(name: &str, events: usize, seconds: f64, bytes: u64) {
    let mb = bytes as f64 / 1e6;
    println!(
        "{name:>8} {seconds:>9.2} {:>12.0} {mb:>10.1} {:>16.1}",
        events as f64 / seconds,
        mb * 1e6 / events as f64
    );
}

fn file_size(path: &Path) -> Result<u64> {
    Ok(std::fs::metadata(path)?.len())
}
