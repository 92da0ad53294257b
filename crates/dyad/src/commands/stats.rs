//! `dyad stats`: event counts and mean Goldstein by dyad and period.

use super::dedup::write_table;
use super::Outcome;
use crate::cli::{PeriodArg, StatsArgs};
use anyhow::Result;
use dyad_store::open_events;
use dyad_store::stats::{self, Period, StatsQuery};

pub fn run(args: StatsArgs) -> Result<Outcome> {
    let store = open_events(&args.input)?;
    let by = args.by.map(|by| match by {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
    });
    let query = StatsQuery {
        dyad: args.dyad,
        by,
        root: args.root,
        quad: args.quad,
    };
    let rows = stats::stats(&store, &query)?;
    write_table(
        &stats::to_table(&rows, by),
        args.format,
        args.output.as_deref(),
    )?;
    Ok(Outcome::Clean)
}
