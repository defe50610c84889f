//! MK111 absolute-csv-path
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds CSV Data Set Config elements (and the plugins' Random CSV Data Set) whose filename is
/// an absolute path: `/home/…`, `C:\…`, `C:/…`, `\\server\…`, `~/…`.
///
/// ## Why it matters
/// The path exists on the machine that wrote the plan. On a colleague's machine, a CI agent or
/// a remote engine the file is not there, the variables stay unset and every request sends
/// `${user}` literally. A path relative to the plan (JMeter resolves it against the .jmx
/// directory) or one built from a property (`${__P(data.dir)}/users.csv`) travels with it.
pub struct AbsoluteCsvPath;

static META: RuleMeta = RuleMeta {
    code: "MK111",
    name: "absolute-csv-path",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a CSV Data Set reads from an absolute path",
    why: "An absolute path only exists on the author's machine; elsewhere (CI, remote engines) the data is missing and variables stay unset.",
    fix: None,
};

/// An absolute path, Unix or Windows, or the home directory.
pub fn is_absolute(path: &str) -> bool {
    let b = path.trim().as_bytes();
    b.first() == Some(&b'/')
        || b.starts_with(b"\\\\")
        || b.starts_with(b"~/")
        || (b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/'))
}

impl Rule for AbsoluteCsvPath {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active().filter(|e| e.class() == "CSVDataSet" || e.class().ends_with("RandomCSVDataSetConfig")) {
            let Some(file) = e.el.str_prop("filename").map(str::trim).filter(|f| is_absolute(f)) else { continue };
            out.push(Finding::at(
                &META,
                e,
                format!("`{}` reads `{file}`: use a path relative to the plan or `${{__P(…)}}`", e.el.testname),
            ));
        }
    }
}
