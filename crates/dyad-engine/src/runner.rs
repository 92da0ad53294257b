//! Coding a stream of stories in parallel, in input order, with bounded memory.

use crate::Coder;
use dyad_doc::{Document, Story};
use dyad_io::read::{RecordError, RejectReason};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io;

/// Stories handed to the thread pool at once. Bounded so that memory stays flat on
/// inputs of any size; large enough that both cores stay busy.
const BATCH_STORIES: usize = 256;
/// A batch also closes once its stories hold this many bytes of text.
const BATCH_BYTES: usize = 32 << 20;

/// What a run did: counts for the end-of-run summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read, good and bad.
    pub read: usize,
    /// Stories coded.
    pub coded: usize,
    /// Records rejected, by reason.
    pub rejected: BTreeMap<RejectReason, usize>,
    /// Sentences in the coded stories.
    pub sentences: usize,
    /// Words in the coded stories.
    pub tokens: usize,
    /// Events emitted.
    pub events: usize,
}

impl Summary {
    /// Total records rejected.
    pub fn rejected_total(&self) -> usize {
        self.rejected.values().sum()
    }

    fn count_document(&mut self, doc: &Document) {
        self.coded += 1;
        self.sentences += doc.sentences.len();
        self.tokens += doc.tokens.len();
        self.events += doc.events.len();
    }
}

/// A run that could not go on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The thread pool could not be started.
    #[error("cannot start {threads} worker threads: {message}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// Why it failed.
        message: String,
    },
    /// Writing output failed (disk full, closed pipe); the run stops.
    #[error("cannot write output")]
    Output(#[from] io::Error),
}

/// Codes stories with a fixed number of threads. Output order is input order, so
/// the result is byte-identical at any thread count.
pub struct Runner<'c> {
    coder: &'c Coder,
    threads: usize,
}

impl<'c> Runner<'c> {
    /// A runner using `threads` worker threads (0: one per core).
    pub fn new(coder: &'c Coder, threads: usize) -> Self {
        Runner { coder, threads }
    }

    /// Codes every good record of `records`; hands each document to `on_document`
    /// and each bad record to `on_reject`, both in input order.
    pub fn run(
        &self,
        records: impl Iterator<Item = Result<Story, RecordError>>,
        mut on_document: impl FnMut(&Document) -> io::Result<()>,
        mut on_reject: impl FnMut(&RecordError),
    ) -> Result<Summary, RunError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .map_err(|e| RunError::Threads {
                threads: self.threads,
                message: e.to_string(),
            })?;
        let mut summary = Summary::default();
        let mut records = records.peekable();
        while records.peek().is_some() {
            let batch = next_batch(&mut records, &mut summary, &mut on_reject);
            let documents: Vec<Document> = pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|story| self.coder.code(story))
                    .collect()
            });
            for doc in &documents {
                summary.count_document(doc);
                on_document(doc)?;
            }
        }
        Ok(summary)
    }
}

/// Takes good stories up to the batch limits, passing bad records to `on_reject`
/// as they come.
fn next_batch(
    records: &mut impl Iterator<Item = Result<Story, RecordError>>,
    summary: &mut Summary,
    on_reject: &mut impl FnMut(&RecordError),
) -> Vec<Story> {
    let mut batch = Vec::with_capacity(BATCH_STORIES);
    let mut bytes = 0;
    while batch.len() < BATCH_STORIES && bytes < BATCH_BYTES {
        let Some(record) = records.next() else { break };
        summary.read += 1;
        match record {
            Ok(story) => {
                bytes += story.text.len();
                batch.push(story);
            }
            Err(error) => {
                *summary.rejected.entry(error.reason).or_default() += 1;
                on_reject(&error);
            }
        }
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CoderBuilder;
    use dyad_doc::Date;

    fn records() -> Vec<Result<Story, RecordError>> {
        (0..700)
            .map(|i| {
                if i % 100 == 7 {
                    Err(RecordError {
                        location: format!("in.jsonl:{}", i + 1),
                        reason: RejectReason::BadDate,
                        detail: "bad".into(),
                    })
                } else {
                    Ok(Story {
                        id: i.to_string(),
                        date: Date::parse("2021-03-23").unwrap(),
                        source: None,
                        title: None,
                        text: format!("Story {i} has words. And {} sentences.", i % 3 + 2),
                    })
                }
            })
            .collect()
    }

    fn run_with(threads: usize) -> (Vec<String>, Vec<String>, Summary) {
        let coder = CoderBuilder::new().build();
        let (mut ids, mut rejects) = (Vec::new(), Vec::new());
        let summary = Runner::new(&coder, threads)
            .run(
                records().into_iter(),
                |doc| {
                    ids.push(format!("{}:{}", doc.story.id, doc.tokens.len()));
                    Ok(())
                },
                |error| rejects.push(error.location.clone()),
            )
            .unwrap();
        (ids, rejects, summary)
    }

    #[test]
    fn output_order_and_counts_do_not_depend_on_threads() {
        let one = run_with(1);
        let two = run_with(2);
        assert_eq!(one, two);
        let (ids, rejects, summary) = one;
        assert_eq!(ids.len(), 693);
        assert_eq!(ids[0], "0:9");
        assert_eq!(rejects.len(), 7);
        assert_eq!(rejects[0], "in.jsonl:8");
        assert_eq!(summary.read, 700);
        assert_eq!(summary.coded + summary.rejected_total(), summary.read);
        assert_eq!(summary.rejected[&RejectReason::BadDate], 7);
        assert_eq!(summary.sentences, 693 * 2);
    }

    #[test]
    fn an_output_failure_stops_the_run() {
        let coder = CoderBuilder::new().build();
        let result = Runner::new(&coder, 1).run(
            records().into_iter(),
            |_| Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed")),
            |_| {},
        );
        assert!(matches!(result, Err(RunError::Output(_))));
    }
}
