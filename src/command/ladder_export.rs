//! `rungs ladder export` and `rungs ladder import`: a ladder as a
//! spreadsheet or as a page to publish, and a spreadsheet back as a ladder.

use std::path::Path;

use crate::cli::{LadderExportArgs, LadderImportArgs};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::ladder::csv;
use crate::output::write_out;
use crate::render::LadderFormat;
use crate::spreadsheet::Target;

/// `rungs ladder export`.
///
/// # Errors
/// An unknown ladder, an invalid ladder file, or an output that cannot be written.
pub fn run(settings: &Settings, args: &LadderExportArgs) -> Result<()> {
    let mut catalog = settings.catalog()?;
    let index = catalog.find_ladder(&args.ladder)?;
    let ladder = catalog.get(index);
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let text = match format(args) {
        // CSV carries texts exactly, hidden characters too: a file gets
        // them as they are, a terminal sees them escaped.
        LadderFormat::Csv => csv::write(ladder, if output.is_some() { Target::File } else { Target::of_stdout() })?,
        LadderFormat::Markdown => crate::documents::ladder_page::markdown(ladder),
        LadderFormat::Html => crate::documents::ladder_page::html(ladder),
    };
    write_out(output, &text)
}

/// The format to write: the flag, else the output's extension, else Markdown.
fn format(args: &LadderExportArgs) -> LadderFormat {
    let extension = args.output.as_deref().and_then(Path::extension).and_then(|e| e.to_str());
    args.format.unwrap_or(match extension {
        Some("csv") => LadderFormat::Csv,
        Some("html" | "htm") => LadderFormat::Html,
        _ => LadderFormat::Markdown,
    })
}

/// `rungs ladder import`.
///
/// # Errors
/// A file that cannot be read, a CSV problem (naming its row and column), a
/// ladder that does not validate, or an output that cannot be written.
pub fn import(_settings: &Settings, args: &LadderImportArgs) -> Result<()> {
    // Like a ladder file named on the command line, the sheet is read
    // wherever it is; stdin and files alike are bounded.
    let text = if args.file == Path::new("-") {
        let mut text = String::new();
        crate::store::read_bounded(std::io::stdin(), Path::new("stdin"), &mut text).map(|()| text)
    } else {
        crate::store::read_named(&args.file)
    };
    let text = text.map_err(not_utf8_hint)?;
    let toml = match args.layout.as_str() {
        "matrix" => csv::import_matrix(&text, &args.file, args.id.as_deref(), args.title.as_deref())?,
        _ => csv::import(&text, &args.file, args.id.as_deref())?,
    };
    write_out(args.output.as_deref().filter(|p| *p != Path::new("-")), &toml)
}

/// A sheet that is not UTF-8 was most likely saved in a spreadsheet's
/// legacy encoding: say how to save it instead.
fn not_utf8_hint(error: Error) -> Error {
    match error {
        Error::Io { path, source, .. } if source.kind() == std::io::ErrorKind::InvalidData => Error::InvalidFile {
            path,
            message: "not UTF-8 text; save the sheet as \"CSV UTF-8\" (Excel) or \"Text CSV\" with the UTF-8 character set (LibreOffice)".into(),
        },
        other => other,
    }
}
