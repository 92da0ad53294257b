//! `dyad places`: the places a text names and how each was read.

use crate::cli::PlacesArgs;
use anyhow::{Context, Result};
use dyad_doc::{Date, Document, Place, PlaceReading, PlaceResolution, Story};
use dyad_engine::CoderBuilder;
use dyad_places::PlaceStage;
use std::io::{self, Read, Write};

pub fn run(args: PlacesArgs) -> Result<()> {
    let text = match args.text {
        Some(text) => text,
        None => {
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .context("cannot read the text from stdin")?;
            text
        }
    };
    let coder = CoderBuilder::new().stage(PlaceStage::default()).build();
    let doc = coder.code(Story {
        id: "text".into(),
        date: args
            .date
            .unwrap_or_else(|| Date::parse("2000-01-01").expect("a valid date")),
        source: None,
        title: None,
        text,
    });
    let mut out = io::stdout().lock();
    write_places(&mut out, &doc)?;
    out.flush()?;
    Ok(())
}

fn write_places(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    if doc.places.is_empty() {
        return writeln!(out, "no places found");
    }
    for place in &doc.places {
        write_place(out, doc, place)?;
    }
    Ok(())
}

fn write_place(out: &mut impl Write, doc: &Document, place: &Place) -> io::Result<()> {
    let sentence = doc.sentence_of(place.tokens.start).unwrap_or(0);
    writeln!(
        out,
        "{:?} sentence {sentence}, bytes {}..{}",
        doc.text(place.span),
        place.span.start,
        place.span.end
    )?;
    writeln!(out, "  {}", describe(&place.reading))?;
    writeln!(
        out,
        "  why: {}; {}",
        place.cue.as_str(),
        place.resolution.as_str()
    )?;
    if place.resolution == PlaceResolution::Population {
        for other in &place.alternatives {
            writeln!(out, "  or:  {}", describe(other))?;
        }
    }
    Ok(())
}

fn describe(r: &PlaceReading) -> String {
    let mut where_ = r.country.clone().unwrap_or_else(|| "-".into());
    if let Some(admin1) = &r.admin1 {
        where_.push_str(&format!(" {admin1}"));
    }
    let mut line = format!(
        "{} ({}, {where_}) lat {:.4} lon {:.4}",
        r.name, r.kind, r.lat, r.lon
    );
    if r.population > 0 {
        line.push_str(&format!(", population {}", r.population));
    }
    if let Some(id) = r.geonames_id {
        line.push_str(&format!(", GeoNames {id}"));
    }
    line
}
