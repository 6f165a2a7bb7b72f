//! The `gazette` command line: parse flags, build the pipeline, stream documents, write
//! records. Exit 0 when every document succeeded, 1 when some failed, 2 on usage or fatal
//! errors. A closed stdout (`gazette extract ... | head`) ends the run quietly.

use clap::{Args, Parser, Subcommand};
use gazette::document::{Fields, Input, ReadOptions, Reader};
use gazette::gazetteer::Gazetteer;
use gazette::gazetteer::cache::{self, CacheUse, Sources};
use gazette::pipeline::{self, BatchLimits, EntityStats, Pipeline};
use gazette::record::MentionRecord;
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc: the pipeline allocates many small short-lived buffers per document, where the
/// system allocator spent about a tenth of the run (docs/performance.md). Built with
/// `no_thp`: asking for transparent huge pages made the start-up touch 60 MB instead of 31 MB
/// and the peak 91 MB instead of 56 MB on the corpus, at no gain in speed.
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
    /// document per line with "id" and "text", and an optional "source" naming the feed), a
    /// folder (read recursively), or "-" for JSONL on stdin (the default with no INPUT).
    Extract(Box<ExtractArgs>),
    /// Score a system's mention records against gold annotations.
    Eval {
        /// Gold mention records (JSONL: doc, start, end, text, type, entity).
        #[arg(long)]
        gold: PathBuf,
        /// System mention records (as written by `gazette extract`).
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
    /// Print every name of the gazetteers (canonical names, aliases and codes), one per line:
    /// the same names other tools are given in benches/compare.
    Names {
        /// Gazetteer files or folders (no PATH: the bundled ones).
        paths: Vec<PathBuf>,
    },
    /// Append the accepted rows of a review list (from `extract --review`) to an alias file,
    /// which `--gazetteer` then loads after the bundled gazetteers.
    Accept {
        /// The review list, with `accept` set to yes on the rows to keep.
        review: PathBuf,
        /// The alias file to create or extend (columns id, aliases).
        #[arg(long, value_name = "FILE")]
        into: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import a GeoNames dump (19 tab-separated columns: allCountries.txt, cities15000.txt,
    /// a country file such as IQ.txt; plain or gzip).
    ///
    /// Ids are gn:<geonameid>; type GPE for feature classes P and A, LOC for the others;
    /// canonical = name (asciiname when name is not plain ASCII); aliases = the alternate
    /// names without airport codes, lower-case romanisations, non-Latin scripts, admin-unit
    /// names on city rows, names the span rules reject and short or common-word names.
    Geonames {
        #[command(flatten)]
        common: ImportArgs,
        /// Keep only these ISO country codes (comma-separated, e.g. IQ,IR).
        #[arg(long, value_name = "CC,...", value_delimiter = ',')]
        country: Vec<String>,
        /// Keep only these feature classes (comma-separated, e.g. P,A).
        #[arg(long, value_name = "C,...", value_delimiter = ',')]
        class: Vec<String>,
        /// Keep only places with at least this population.
        #[arg(long, value_name = "N", default_value_t = 0)]
        min_population: u64,
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
        Command::Eval { gold, system } => eval(&gold, &system),
        Command::Gazetteer(GazetteerCommand::Check(args)) => check(&args),
        Command::Gazetteer(GazetteerCommand::Import(cmd)) => import(cmd),
        Command::Gazetteer(GazetteerCommand::Accept { review, into }) => accept(&review, &into),
        Command::Gazetteer(GazetteerCommand::Names { paths }) => names(&paths),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gazette: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &gazette::Error) -> bool {
    matches!(e, gazette::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

fn create(path: &Path) -> gazette::Result<Box<dyn Write>> {
    let f = std::fs::File::create(path).map_err(|e| gazette::Error::io(path, e))?;
    Ok(Box::new(BufWriter::with_capacity(1 << 16, f)))
}

fn extract(args: ExtractArgs) -> gazette::Result<ExitCode> {
    // The pool comes first: compiling the gazetteer runs on it too, so `--threads` bounds
    // start-up as well, and start-up spawns no threads of its own.
    let threads = args.threads.unwrap_or(0);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .map_err(|e| gazette::Error::Sink(format!("cannot start {threads} threads: {e}")))?;
    let began = std::time::Instant::now();
    let sources = Sources::read(&args.gazetteers, args.no_bundled)?;
    let cache_dir = if args.no_cache {
        None
    } else {
        cache::default_dir()
    };
    let (compiled, cache_use) = sources.load(cache_dir.as_deref())?;
    if !args.quiet {
        let ms = began.elapsed().as_secs_f64() * 1e3;
        match cache_use {
            CacheUse::Off => eprintln!("gazette: gazetteers compiled in {ms:.0} ms"),
            CacheUse::Read(p) => {
                eprintln!(
                    "gazette: gazetteers read from {} in {ms:.0} ms",
                    p.display()
                )
            }
            CacheUse::Written(p) => eprintln!(
                "gazette: gazetteers compiled in {ms:.0} ms and cached in {}",
                p.display()
            ),
            CacheUse::Failed(why) => {
                eprintln!("gazette: gazetteers compiled in {ms:.0} ms; not cached: {why}")
            }
        }
    }
    let mut pipeline = Pipeline::new(compiled);
    pipeline.variants = !args.no_variants;
    pipeline.discovery = !args.no_discovery;
    let mut report = gazette::report::SpellingReport::default();
    let mut sinks: Vec<Box<dyn gazette::sink::Sink>> = Vec::new();
    if let Some(target) = &args.db {
        sinks.push(gazette::sink::open(target).map_err(|e| gazette::Error::Sink(e.to_string()))?);
    }
    if let Some(dir) = &args.csv {
        sinks.push(gazette::sink::open_csv(dir).map_err(|e| gazette::Error::Sink(e.to_string()))?);
    }
    let mut rows = SinkRows::default();
    let want_report = args.variants.is_some() || args.review.is_some();
    let inputs: Vec<Input> = args
        .inputs
        .iter()
        .map(|s| {
            if s == "-" {
                Input::Stdin
            } else {
                Input::Path(PathBuf::from(s))
            }
        })
        .collect();
    let opts = ReadOptions {
        fields: Fields {
            id: args.id_field.clone(),
            text: args.text_field.clone(),
            source: args.source_field.clone(),
        },
        max_bytes: args.max_doc_bytes as usize,
    };
    let reader = Reader::new(&inputs, opts);
    let total = reader.total_bytes();
    let consumed = reader.progress();
    let mut docs_done = 0u64;
    let (out_path, mut out): (PathBuf, Box<dyn Write>) = match &args.mentions {
        Some(p) if p.as_os_str() != "-" => (p.clone(), create(p)?),
        _ => (
            PathBuf::from("<stdout>"),
            Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
        ),
    };
    let progress = progress_bar(args.quiet, total);
    let started = std::time::Instant::now();
    // Entity records are gathered only when asked for: on the writing thread they cost
    // about as much as serialising the mentions.
    let mut stats = args.entities.as_ref().map(|_| EntityStats::default());
    let mut line = Vec::new();
    let quiet = args.quiet;
    let pb = progress.clone();
    let mut progressed = |docs: usize| {
        docs_done += docs as u64;
        if let Some(pb) = &pb {
            pb.set_position(consumed.load(std::sync::atomic::Ordering::Relaxed));
            pb.set_message(format!("{docs_done} documents"));
        }
    };
    let on_problem = |problem: &gazette::document::Problem| {
        if !quiet {
            let msg = format!(
                "gazette: warning: {}",
                escape_controls(&problem.to_string())
            );
            match &pb {
                Some(pb) => pb.println(msg),
                None => eprintln!("{msg}"),
            }
        }
    };
    // Only mention lines wanted (the usual run): the workers write the lines themselves,
    // with no records built, and this thread only copies bytes out.
    let lines_only = sinks.is_empty() && stats.is_none() && !want_report;
    // Mention lines and entity counts: the workers still write the lines, and this thread
    // counts each mention from the extraction as borrowed views, with no record built.
    let lines_and_counts = sinks.is_empty() && !want_report;
    let summary = if lines_only {
        pipeline::run_lines(
            &pipeline,
            reader,
            BatchLimits::default(),
            |docs, lines| {
                for l in lines {
                    out.write_all(&l.bytes)
                        .map_err(|e| gazette::Error::io(&out_path, e))?;
                }
                progressed(docs.len());
                Ok(())
            },
            on_problem,
        )?
    } else if let (true, Some(stats)) = (lines_and_counts, &mut stats) {
        pipeline::run_with(
            &pipeline,
            reader,
            BatchLimits::default(),
            |p, doc| {
                let (ex, lines) = p.extract_lines(doc);
                (ex.mentions.len(), (lines, ex), Vec::new())
            },
            |docs, done, _| {
                for (doc, (lines, ex)) in docs.iter().zip(done) {
                    out.write_all(&lines.bytes)
                        .map_err(|e| gazette::Error::io(&out_path, e))?;
                    stats.begin_document();
                    pipeline.each_mention(doc, ex, |m| stats.add_mention(&m));
                }
                progressed(docs.len());
                Ok(())
            },
            on_problem,
        )?
    } else {
        pipeline::run(
            &pipeline,
            reader,
            BatchLimits::default(),
            |docs, records, ambiguous| {
                // This runs while the pool processes the next batch (`pipeline::run`), so
                // serialising here on one thread overlaps with extraction; asking the busy
                // pool to serialise would wait for the batch to finish.
                for recs in records {
                    line.clear();
                    gazette::record::write_jsonl(&mut line, recs);
                    out.write_all(&line)
                        .map_err(|e| gazette::Error::io(&out_path, e))?;
                    if let Some(stats) = &mut stats {
                        stats.add(recs);
                    }
                    if want_report {
                        report.add(recs);
                    }
                }
                if !sinks.is_empty() {
                    let (outputs, entities, aliases) = rows.batch(&pipeline, docs, records);
                    for sink in &mut sinks {
                        sink.write_batch(&outputs, &entities, &aliases)
                            .map_err(|e| gazette::Error::Sink(e.to_string()))?;
                    }
                }
                if want_report {
                    report.add_ambiguous(ambiguous);
                }
                progressed(docs.len());
                Ok(())
            },
            on_problem,
        )?
    };
    out.flush().map_err(|e| gazette::Error::io(&out_path, e))?;
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    if let (Some(path), Some(stats)) = (&args.entities, stats) {
        let mut w = create(path)?;
        // Serialised on all cores, written in order: the pool is idle after the last batch.
        let lines: Vec<Vec<u8>> = stats
            .records(&pipeline.gazetteer)
            .par_iter()
            .map(|r| {
                let mut line = serde_json::to_vec(r)?;
                line.push(b'\n');
                Ok(line)
            })
            .collect::<Result<_, serde_json::Error>>()
            .map_err(|e| gazette::Error::io(path, e.into()))?;
        for line in &lines {
            w.write_all(line).map_err(|e| gazette::Error::io(path, e))?;
        }
        w.flush().map_err(|e| gazette::Error::io(path, e))?;
    }
    for sink in &mut sinks {
        sink.finish()
            .map_err(|e| gazette::Error::Sink(e.to_string()))?;
    }
    if let Some(path) = &args.variants {
        let mut w = create(path)?;
        report
            .write_spellings(&mut w)
            .map_err(|e| gazette::Error::io(path, e))?;
        w.flush().map_err(|e| gazette::Error::io(path, e))?;
    }
    if let Some(path) = &args.review {
        let mut w = create(path)?;
        report
            .write_review(&mut w)
            .map_err(|e| gazette::Error::io(path, e))?;
        w.flush().map_err(|e| gazette::Error::io(path, e))?;
    }
    let secs = started.elapsed().as_secs_f64();
    if !args.quiet || summary.failed > 0 {
        eprintln!(
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
    // The process ends next: freeing the automaton and indexes one by one would only add
    // about 15 million instructions (a few ms) of serial time to every run.
    std::mem::forget(pipeline);
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Document text can reach the terminal in warnings: keep control characters from acting.
fn escape_controls(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

fn progress_bar(quiet: bool, total: Option<u64>) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = match total {
        Some(t) => indicatif::ProgressBar::new(t),
        None => indicatif::ProgressBar::new_spinner(),
    };
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {msg} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {wide_bar}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    pb.set_style(style);
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    Some(pb)
}

fn eval(gold: &Path, system: &Path) -> gazette::Result<ExitCode> {
    let g = gazette::eval::read(gold)?;
    let s = gazette::eval::read(system)?;
    print!("{}", gazette::eval::evaluate(&g, &s));
    Ok(ExitCode::SUCCESS)
}

fn check(args: &CheckArgs) -> gazette::Result<ExitCode> {
    use gazette::gazetteer::check::{self, BUNDLED_ACCEPTED, BUNDLED_ACCEPTED_LABEL};
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| gazette::Error::io(p, e));
    let mut files: Vec<(String, String)> = Vec::new();
    let mut accepted_path = args.accepted.clone();
    if args.paths.is_empty() {
        files.extend(gazette::gazetteer::bundled_files().map(|(l, c)| (l, c.to_string())));
    }
    for p in &args.paths {
        for f in gazette::gazetteer::tsv_files(p)? {
            files.push((f.display().to_string(), read(&f)?));
        }
        let beside = p.join("ambiguities.txt");
        if accepted_path.is_none() && p.is_dir() && beside.is_file() {
            accepted_path = Some(beside);
        }
    }
    let accepted = match &accepted_path {
        Some(p) => check::parse_accepted(&p.display().to_string(), &read(p)?)?,
        None if args.paths.is_empty() => {
            check::parse_accepted(BUNDLED_ACCEPTED_LABEL, BUNDLED_ACCEPTED)?
        }
        None => Vec::new(),
    };
    let report = check::check(files, &accepted);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let stdout = |e: std::io::Error| gazette::Error::io("<stdout>", e);
    if args.print_accepted {
        out.write_all(report.accepted_file(&accepted).as_bytes())
            .map_err(stdout)?;
        out.flush().map_err(stdout)?;
        return Ok(ExitCode::SUCCESS);
    }
    for f in &report.findings {
        if !(args.quiet && f.accepted) {
            writeln!(out, "{f}").map_err(stdout)?;
        }
    }
    let new = report.unaccepted().count();
    writeln!(
        out,
        "{} findings, {} accepted, {new} not accepted",
        report.findings.len(),
        report.findings.len() - new
    )
    .map_err(stdout)?;
    writeln!(out, "{}", report.summary()).map_err(stdout)?;
    out.flush().map_err(stdout)?;
    Ok(if report.passed() {
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

fn import(cmd: ImportCommand) -> gazette::Result<ExitCode> {
    use gazette::gazetteer::import::{self, Existing, GeonamesFilter, Options};
    let common = match &cmd {
        ImportCommand::Geonames { common, .. } | ImportCommand::Wikidata { common, .. } => common,
    };
    let mut existing = Existing::load(&common.skip_existing, common.out.as_deref())?;
    // The bundled gazetteers always supply countries and people's names (for parents,
    // context guards and P17), whatever --skip-existing says.
    existing.add_reference(&Gazetteer::bundled()?);
    let opts = Options {
        existing,
        keep_shared: common.keep_shared,
        command: command_line(),
    };
    let label = common.file.display().to_string();
    let input = import::open(&common.file)?;
    // Written beside the target under another name and renamed at the end, so a failed
    // import never leaves half a gazetteer where build.rs or --gazetteer would load it.
    let partial = common.out.as_ref().map(|p| {
        let mut name = p.file_name().unwrap_or_default().to_os_string();
        name.push(".partial");
        p.with_file_name(name)
    });
    let mut out: Box<dyn Write> = match &partial {
        Some(p) => create(p)?,
        None => Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
    };
    let result = match &cmd {
        ImportCommand::Geonames {
            country,
            class,
            min_population,
            ..
        } => {
            let filter = GeonamesFilter {
                countries: country.iter().map(|c| c.trim().to_uppercase()).collect(),
                classes: class.iter().map(|c| c.trim().to_uppercase()).collect(),
                min_population: *min_population,
            };
            import::geonames(&label, input, &filter, &opts, &mut out)
        }
        ImportCommand::Wikidata { map, .. } => {
            let extra = map
                .iter()
                .map(|m| import::parse_type_map(m))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|message| gazette::Error::Input {
                    location: "--map".into(),
                    message,
                })?;
            import::wikidata(&label, input, &extra, &opts, &mut out)
        }
    };
    drop(out);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            if let Some(p) = &partial {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
    };
    if let (Some(p), Some(target)) = (&partial, &common.out) {
        std::fs::rename(p, target).map_err(|e| gazette::Error::io(target, e))?;
    }
    for b in &report.bad {
        eprintln!("gazette: warning: {}", escape_controls(&b.to_string()));
    }
    let what = match cmd {
        ImportCommand::Geonames { .. } => "geonames",
        ImportCommand::Wikidata { .. } => "wikidata",
    };
    eprintln!("gazette: import {what}: {}", report.summary());
    Ok(ExitCode::SUCCESS)
}

fn accept(review: &Path, into: &Path) -> gazette::Result<ExitCode> {
    let content = std::fs::read_to_string(review).map_err(|e| gazette::Error::io(review, e))?;
    let rows = gazette::report::accepted(&review.display().to_string(), &content)?;
    let existing = into.exists();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(into)
        .map_err(|e| gazette::Error::io(into, e))?;
    let mut text = String::new();
    if !existing {
        text.push_str("# Aliases accepted from gazette review lists (gazette gazetteer accept).\n");
        text.push_str("# Load with: gazette extract --gazetteer THIS_FILE ...\nid\taliases\n");
    }
    for (id, alias) in &rows {
        text.push_str(&format!("{id}\t{alias}\n"));
    }
    f.write_all(text.as_bytes())
        .map_err(|e| gazette::Error::io(into, e))?;
    eprintln!(
        "gazette: {} aliases accepted into {}",
        rows.len(),
        into.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn names(paths: &[PathBuf]) -> gazette::Result<ExitCode> {
    let g = Sources::read(paths, !paths.is_empty())?.gazetteer()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut seen = std::collections::HashSet::new();
    for e in &g.entities {
        let all = std::iter::once(e.canonical.as_str())
            .chain(e.aliases.iter().map(|a| a.name.as_str()))
            .chain(e.codes.iter().map(String::as_str));
        for n in all {
            if seen.insert(n.to_string()) {
                writeln!(out, "{n}").map_err(|e| gazette::Error::io("<stdout>", e))?;
            }
        }
    }
    out.flush().map_err(|e| gazette::Error::io("<stdout>", e))?;
    Ok(ExitCode::SUCCESS)
}

/// Builds the database rows of each batch: documents with their mentions, and the entities
/// and aliases they reference, each sent once per run (the sinks upsert them anyway).
#[derive(Default)]
struct SinkRows {
    sent_entities: std::collections::HashSet<String>,
    sent_aliases: std::collections::HashSet<(String, String)>,
}

type Batch = (
    Vec<gazette::sink::DocumentOutput>,
    Vec<gazette::sink::EntityRow>,
    Vec<gazette::sink::AliasRow>,
);

impl SinkRows {
    fn batch(
        &mut self,
        p: &Pipeline,
        docs: &[gazette::document::Document],
        records: &[Vec<MentionRecord>],
    ) -> Batch {
        use gazette::normalize::name_key;
        use gazette::sink::{AliasRow, DocumentMeta, DocumentOutput, EntityRow};
        let gaz = &p.gazetteer.gazetteer;
        let mut entities = Vec::new();
        let mut aliases = Vec::new();
        let mut alias = |sent: &mut std::collections::HashSet<(String, String)>,
                         entity: &str,
                         surface: &str,
                         how: &str| {
            if sent.insert((entity.to_string(), surface.to_string())) {
                aliases.push(AliasRow {
                    entity: entity.to_string(),
                    surface: surface.to_string(),
                    key: name_key(surface),
                    how: how.to_string(),
                });
            }
        };
        for r in records.iter().flatten() {
            if self.sent_entities.insert(r.entity.clone()) {
                match gaz.index_of(&r.entity).map(|i| &gaz.entities[i]) {
                    Some(e) => {
                        let mut row = EntityRow::new(&e.id, e.kind.as_str(), &e.canonical);
                        row.wikidata = e.qid.clone();
                        row.geonames = e.geonames;
                        row.lat = e.coordinates.map(|c| c[0]);
                        row.lon = e.coordinates.map(|c| c[1]);
                        row.country = e.country.clone();
                        row.parent = e.parent.clone();
                        row.attributes = e.attrs.clone();
                        entities.push(row);
                        alias(&mut self.sent_aliases, &e.id, &e.canonical, "canonical");
                        for a in &e.aliases {
                            alias(&mut self.sent_aliases, &e.id, &a.name, "alias");
                        }
                        for c in &e.codes {
                            alias(&mut self.sent_aliases, &e.id, c, "code");
                        }
                    }
                    None => {
                        let mut row = EntityRow::new(&r.entity, &r.kind, &r.canonical);
                        row.discovered = true;
                        entities.push(row);
                    }
                }
            }
            let how = match r.how {
                gazette::record::MatchKind::Variant => "variant",
                gazette::record::MatchKind::Discovered => "discovered",
                gazette::record::MatchKind::Coref => continue,
                _ => "observed",
            };
            alias(&mut self.sent_aliases, &r.entity, &r.text, how);
        }
        let outputs = docs
            .iter()
            .zip(records)
            .map(|(d, recs)| DocumentOutput {
                meta: DocumentMeta::new(d.id.clone(), d.source.clone(), &d.text),
                mentions: recs.clone(),
            })
            .collect();
        (outputs, entities, aliases)
    }
}
