//! MC111 greedy-regex
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds Regular Expression Extractors whose capture group is a bare `(.*)` or `(.+)`: either
/// with nothing after it (no right boundary, so it takes the rest of the line), or greedy
/// between boundaries, where it runs to the *last* right boundary on the line instead of the
/// first.
///
/// ## Why it matters
/// `name="token" value="(.*)"` on a line with more attributes captures
/// `abc" type="hidden` instead of `abc`; in minified HTML or JSON, where one line is the
/// whole page, it captures most of the page. The extraction "succeeds" and the next request
/// sends garbage. `(.*?)` (lazy) or a negated class like `([^"]+)` stops at the first boundary.
pub struct GreedyRegex;

static META: RuleMeta = RuleMeta {
    code: "MC111",
    name: "greedy-regex",
    family: Family::Correlation,
    severity: Severity::Warning,
    summary: "a regex extractor captures with greedy `(.*)`/`(.+)`, unbounded or past the first boundary",
    why: "A greedy group runs to the last boundary on the line (or the end of it), so in minified pages the variable holds a chunk of markup instead of the value.",
    fix: Some("make greedy groups between boundaries lazy: `(.*)` → `(.*?)` (unsafe)"),
};

/// Byte offsets (in the pattern) just after `.*`/`.+` of every capture group that is exactly
/// `(.*)`/`(.+)`, and whether something follows the group.
pub(crate) fn greedy_groups(pattern: &str) -> Vec<(usize, bool)> {
    let b = pattern.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    let mut escaped = false;
    let mut in_class = false;
    while i < b.len() {
        let c = b[i];
        if escaped {
            escaped = false;
        } else if c == b'\\' {
            escaped = true;
        } else if in_class {
            in_class = c != b']';
        } else if c == b'[' {
            in_class = true;
        } else if c == b'(' && (pattern[i..].starts_with("(.*)") || pattern[i..].starts_with("(.+)")) {
            let rest = pattern[i + 4..].trim_end_matches('$');
            // A quantifier on the group itself (`(.*)?`) is a different pattern.
            if !rest.starts_with(['?', '*', '+', '{']) {
                out.push((i + 3, !rest.is_empty()));
            }
        }
        i += 1;
    }
    out
}

impl Rule for GreedyRegex {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active().filter(|e| e.class() == "RegexExtractor") {
            let Some(prop) = e.el.prop("RegexExtractor.regex") else { continue };
            let pattern = prop.value.as_str();
            let groups = greedy_groups(pattern);
            if groups.is_empty() {
                continue;
            }
            let bounded: Vec<usize> = groups.iter().filter(|g| g.1).map(|g| g.0).collect();
            let unbounded = groups.len() - bounded.len();
            let what = match (bounded.is_empty(), unbounded) {
                (false, 0) => "a greedy group runs to the last right boundary on the line; use `(.*?)` or a negated class".to_string(),
                (true, _) => "the group has no right boundary and captures the rest of the line; add the text that follows the value".to_string(),
                (false, _) => "greedy groups run to the last boundary, and one has no right boundary at all".to_string(),
            };
            let mut f = Finding::at(&META, e, format!("regex `{pattern}` of `{}`: {what}", e.el.testname));
            if !bounded.is_empty() {
                let mut fixed = pattern.to_string();
                for at in bounded.iter().rev() {
                    fixed.insert(*at, '?');
                }
                f = f.with_fix(Applicability::Unsafe, format!("make the group lazy: `{fixed}`"), vec![ctx.set_value(prop, &fixed)]);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::greedy_groups;

    #[test]
    fn groups() {
        assert_eq!(greedy_groups(r#"value="(.*)""#), vec![(10, true)]);
        assert_eq!(greedy_groups(r#"token=(.+)"#), vec![(9, false)]);
        assert_eq!(greedy_groups(r#"token=(.+)$"#), vec![(9, false)]);
        assert!(greedy_groups(r#"value="(.*?)""#).is_empty());
        assert!(greedy_groups(r#"value="([^"]+)""#).is_empty());
        assert!(greedy_groups(r#"\(.*\)"#).is_empty());
    }
}
