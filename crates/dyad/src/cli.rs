//! The command line, declared with clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use dyad_doc::Date;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Turns news text into political event data (CAMEO, PLOVER)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Code stories into events.
    #[command(after_help = "Examples:
  dyad code examples/ministers.txt --date 2021-03-23
  dyad code news.jsonl.gz --format csv -o events.csv --threads 2
  cat story.txt | dyad code --date 2021-03-23
  dyad code news.jsonl --db events.db --resume
  dyad code news.jsonl --format parquet -o events.parquet")]
    Code(CodeArgs),
    /// Split stories into sentences and tokens, for inspection and for the parser.
    #[command(after_help = "Examples:
  dyad split examples/ministers.txt --date 2021-03-23
  dyad split news.jsonl --format conllu -o news.conllu")]
    Split(SplitArgs),
    /// Show how a sentence is coded: its parse, actors, the patterns tried and why.
    #[command(after_help = "Example:
  dyad explain \"Washington pressed Seoul to raise its defence spending.\" --date 2021-03-23")]
    Explain(ExplainArgs),
    /// Tag, lemmatize and parse stories; writes CoNLL-U.
    #[command(after_help = "Examples:
  dyad parse examples/ministers.txt --date 2021-03-23
  echo 'Blinken pressed Turkey to give up the S-400.' | dyad parse --date 2021-03-23")]
    Parse(ParseArgs),
    /// Train and score the tagger, lemmatizer and dependency parser.
    #[command(subcommand)]
    Parser(ParserCommand),
    /// Score dyad against gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Show the places a text names, the gazetteer entry chosen for each and why.
    #[command(after_help = "Examples:
  dyad places \"Russian and Ukrainian negotiators met in Istanbul.\"
  dyad places \"BRUSSELS (Reuters) - Lebanese troops entered Tripoli.\"
  echo \"The storm hit Paris, Texas.\" | dyad places")]
    Places(PlacesArgs),
    /// Train dyad's models.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Show what the actor mentions of a text resolve to, and why.
    #[command(after_help = "Examples:
  dyad actor \"Turkish Foreign Minister Mevlut Cavusoglu met Blinken.\" --date 2021-03-23
  dyad actor \"Russian troops moved.\" --actors-petrarch Phoenix.Countries.actors.txt
  dyad actor --unresolved-report news.jsonl --top 50")]
    Actor(ActorArgs),
    /// Work with the actor and event dictionaries.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Run a PETRARCH validation suite through dyad's own pipeline and count
    /// the records whose events equal the expected ones.
    #[command(
        after_help = "Exit status: 0 every record passes, 1 some fail, 2 usage or dictionary error.
Example (the PETRARCH-2 unit tests):
  dyad validate PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml \\
      --verbs-petrarch PETR.Validate.verbs.2.0.txt \\
      --actors-petrarch PETR.Validate.actors.txt --agents-petrarch PETR.Validate.agents.txt \\
      --discards-petrarch PETR.Validate.discards.txt"
    )]
    Validate(ValidateArgs),
    // Event stores and aggregates (docs/stores.md).
    /// Collapse events GDELT-style: one row per day, source, target, CAMEO code and
    /// negation, with mention, sentence and story counts.
    #[command(after_help = "Examples:
  dyad dedup events.db
  dyad dedup events.jsonl --format csv -o daily.csv")]
    Dedup(DedupArgs),
    /// Count events and mean Goldstein score by directed country dyad and period.
    #[command(after_help = "Examples:
  dyad stats events.db --dyad USA:TUR --by month
  dyad stats events.db --dyad '*:UKR' --root 19 --by week --format csv
  dyad stats events.jsonl --quad 4 --format json")]
    Stats(StatsArgs),
}

/// Which actor dictionaries to use: dyad's own, plus any given.
#[derive(Args, Clone, Default)]
pub struct DictArgs {
    /// A PETRARCH actor dictionary to add (e.g. Phoenix.Countries.actors.txt); repeatable.
    #[arg(long, value_name = "FILE")]
    pub actors_petrarch: Vec<PathBuf>,
    /// A PETRARCH agent dictionary to add (e.g. Phoenix.agents.txt); repeatable.
    #[arg(long, value_name = "FILE")]
    pub agents_petrarch: Vec<PathBuf>,
    /// A dictionary in dyad's format to add (docs/actors.md); repeatable.
    #[arg(long, value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// Leave out the dictionaries shipped with dyad.
    #[arg(long)]
    pub no_default_actors: bool,
}

/// Which verb dictionaries to use: dyad's own, plus any given.
#[derive(Args, Clone, Default)]
pub struct VerbArgs {
    /// A PETRARCH-2 verb dictionary to add (e.g. CAMEO.2.0.txt), translated to
    /// dyad's patterns (docs/events.md, "PETRARCH import"); repeatable.
    #[arg(long, value_name = "FILE")]
    pub verbs_petrarch: Vec<PathBuf>,
    /// Leave out the verb patterns shipped with dyad.
    #[arg(long)]
    pub no_default_verbs: bool,
    /// Read the event dictionaries (cameo.tsv, classes, verbs/, intent, issues,
    /// discards) from DIR, laid out as data/events, instead of the copies built
    /// into dyad: edits take effect without rebuilding.
    #[arg(long, value_name = "DIR")]
    pub events_dir: Option<PathBuf>,
    /// Also code events with a source but no target actor (PETRARCH's
    /// `require_dyad = False`); by default an event needs both.
    #[arg(long)]
    pub one_sided: bool,
}

#[derive(Args)]
pub struct ValidateArgs {
    /// The PETRARCH validation records (XML with `<Sentence>` and `<EventCoding>`).
    pub records: PathBuf,
    /// The suite's PETRARCH-2 verb dictionary; repeatable.
    #[arg(long, value_name = "FILE", required = true)]
    pub verbs_petrarch: Vec<PathBuf>,
    /// The suite's PETRARCH actor dictionary; repeatable.
    #[arg(long, value_name = "FILE")]
    pub actors_petrarch: Vec<PathBuf>,
    /// The suite's PETRARCH agent dictionary; repeatable.
    #[arg(long, value_name = "FILE")]
    pub agents_petrarch: Vec<PathBuf>,
    /// The suite's PETRARCH discard list; repeatable.
    #[arg(long, value_name = "FILE")]
    pub discards_petrarch: Vec<PathBuf>,
    /// Print only the failures and the totals.
    #[arg(long)]
    pub failures_only: bool,
}

#[derive(Args)]
pub struct ActorArgs {
    /// The text to resolve (a story: sentences share one document memory).
    pub text: Option<String>,
    /// The story's date; roles are chosen for it.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Instead of TEXT: read JSON Lines news files and list the most frequent
    /// capitalised word sequences that resolved to nothing.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub unresolved_report: Vec<PathBuf>,
    /// How many sequences the report lists.
    #[arg(long, default_value_t = 50)]
    pub top: usize,
}

#[derive(Subcommand)]
pub enum DictCommand {
    /// Lint the dictionaries: duplicate aliases with different codes, overlapping
    /// roles, unknown codes, aliases that can never match, failing examples.
    #[command(
        after_help = "Exit status: 0 clean, 1 findings (printed as file:line), 2 load errors.
Examples:
  dyad dict check
  dyad dict check --actors my-actors.txt --agents-petrarch Phoenix.agents.txt"
    )]
    Check(DictArgs),
    /// Code every example sentence of the event dictionaries and list those that
    /// do not give their block's event; print the dictionary's size.
    #[command(
        after_help = "Exit status: 0 all examples pass, 1 some fail (printed as file:line), 2 load errors.
Examples:
  dyad dict examples
  dyad dict examples --events-dir data/events      # the files as edited, no rebuild
  dyad dict examples --events-dir data/events --only data/events/verbs/04-consult.txt"
    )]
    Examples(ExamplesArgs),
}

#[derive(Args)]
pub struct ExamplesArgs {
    #[command(flatten)]
    pub verbs: VerbArgs,
    /// Check only the examples written in files whose path ends with this; repeatable.
    #[arg(long, value_name = "FILE")]
    pub only: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(Subcommand)]
pub enum TrainCommand {
    /// The sentence-boundary model that reviews the splitter's rules.
    #[command(after_help = "Example (how the shipped model is made):
  dyad train sentences --train en_ewt-ud-train.conllu -o crates/dyad-text/models/sentence-boundary.bin")]
    Sentences {
        /// Training treebank (CoNLL-U with `# text` lines).
        #[arg(long)]
        train: PathBuf,
        /// Where to write the model.
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ParserCommand {
    /// Trains a model on a UD treebank (deterministic for a given seed).
    #[command(after_help = "Example (how the shipped model is made):
  dyad parser train --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu \\
      -o crates/dyad-nlp/models/en-ewt.dyadnlp")]
    Train {
        /// Training treebank (CoNLL-U).
        #[arg(long)]
        train: PathBuf,
        /// Development treebank, scored after training.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Where to write the model.
        #[arg(short, long)]
        output: PathBuf,
        /// Seed for shuffling and exploration.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Passes of the tagger over the data.
        #[arg(long, default_value_t = 10)]
        tagger_epochs: usize,
        /// Passes of the parser over the data.
        #[arg(long, default_value_t = 15)]
        parser_epochs: usize,
        /// Passes of the labeler over the data.
        #[arg(long, default_value_t = 10)]
        labeler_epochs: usize,
        /// Folds for the jackknifed tags the parser trains on.
        #[arg(long, default_value_t = 10)]
        folds: usize,
    },
    /// Scores a model on a gold treebank: with gold words, and end to end from `# text`.
    #[command(after_help = "Example:
  dyad parser eval --gold en_ewt-ud-test.conllu")]
    Eval {
        /// Gold treebank (CoNLL-U with `# text` lines).
        #[arg(long)]
        gold: PathBuf,
        /// Model file; the shipped model when not given.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Also write the analyses of the gold words here, as CoNLL-U.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Token and sentence-boundary F1 against a UD treebank's `# text` lines.
    #[command(after_help = "Example:
  dyad eval tokenize --gold en_ewt-ud-test.conllu")]
    Tokenize {
        /// Gold CoNLL-U file.
        #[arg(long)]
        gold: PathBuf,
        /// Score the splitter's rules without the sentence model.
        #[arg(long)]
        rules_only: bool,
    },
}

/// Where stories come from and how to read them.
#[derive(Args)]
pub struct InputArgs {
    /// Files or directories to read; stdin when none is given. Gzip is detected.
    pub paths: Vec<PathBuf>,
    /// Input format; `auto` goes by extension, or by the first byte on stdin.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
    /// Publication date for stories that carry none (plain text always needs it).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
    /// JSON field holding the story id.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSON field holding the story text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// JSON field holding the date.
    #[arg(long, default_value = "date")]
    pub date_field: String,
    /// JSON field holding the title.
    #[arg(long, default_value = "title")]
    pub title_field: String,
    /// JSON field holding the source (publisher).
    #[arg(long, default_value = "source")]
    pub source_field: String,
    /// Largest story accepted, in bytes; larger records are rejected.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    pub max_story_bytes: usize,
}

/// Where results go and how the run reports.
#[derive(Args)]
pub struct RunArgs {
    /// Output file; stdout when not given.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Worker threads (0: one per core). Output is identical at any count.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// No progress and no summary; rejected records are still reported.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args)]
pub struct CodeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format (parquet needs -o).
    #[arg(long, value_enum, default_value_t = EventFormatArg::Jsonl)]
    pub format: EventFormatArg,
    #[command(flatten)]
    pub dicts: DictArgs,
    #[command(flatten)]
    pub verbs: VerbArgs,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Args)]
pub struct SplitArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SplitFormatArg::Jsonl)]
    pub format: SplitFormatArg,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// The text: a sentence or a short story.
    pub text: String,
    /// The story's date; actor roles are chosen for it.
    #[arg(long, value_parser = parse_date)]
    pub date: Date,
    #[command(flatten)]
    pub dicts: DictArgs,
    #[command(flatten)]
    pub verbs: VerbArgs,
}

#[derive(Args)]
pub struct ParseArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub run: RunArgs,
    /// Model file; the shipped model when not given.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

#[derive(Args)]
pub struct PlacesArgs {
    /// The text; read from stdin when not given.
    pub text: Option<String>,
    /// The story's date (places do not depend on it).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    Auto,
    Text,
    Jsonl,
    Xml,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EventFormatArg {
    Jsonl,
    Csv,
    Tsv,
    Parquet,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SplitFormatArg {
    Jsonl,
    Conllu,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|e| e.to_string())
}

// Event stores and aggregates (docs/stores.md).

/// Where `code` keeps stories and events besides the event output.
#[derive(Args)]
pub struct StoreArgs {
    /// Write stories and events into this SQLite database (created when new; a
    /// re-coded story replaces its events). Events go to the database only, unless
    /// -o is given too.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Skip stories the database already holds with the same text and date, to
    /// finish an interrupted run.
    #[arg(long, requires = "db")]
    pub resume: bool,
}

#[derive(Args)]
pub struct DedupArgs {
    /// A database written by `dyad code --db`, or a JSON Lines event file.
    pub input: PathBuf,
    /// Output format; json is one object per line.
    #[arg(long, value_enum, default_value_t = TableFormatArg::Table)]
    pub format: TableFormatArg,
    /// Output file; stdout when not given.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Args)]
pub struct StatsArgs {
    /// A database written by `dyad code --db`, or a JSON Lines event file.
    pub input: PathBuf,
    /// Only this directed dyad of countries, SRC:TGT (ISO alpha-3; * for any).
    #[arg(long, value_name = "SRC:TGT", value_parser = dyad_store::stats::DyadFilter::parse)]
    pub dyad: Option<dyad_store::stats::DyadFilter>,
    /// Also group by day, week (starting Monday) or month.
    #[arg(long, value_enum)]
    pub by: Option<PeriodArg>,
    /// Only this CAMEO root code, two digits (e.g. 14 for protest).
    #[arg(long, value_name = "NN", value_parser = parse_cameo_root)]
    pub root: Option<String>,
    /// Only this QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// Output format; json is one object per line.
    #[arg(long, value_enum, default_value_t = TableFormatArg::Table)]
    pub format: TableFormatArg,
    /// Output file; stdout when not given.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TableFormatArg {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
}

fn parse_cameo_root(text: &str) -> Result<String, String> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "{text:?} is not a CAMEO root: expected two digits, 01 to 20"
        ))
    }
}
