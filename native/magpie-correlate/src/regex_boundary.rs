//! Regular expressions with literal left boundaries and a bounded capture, restricted to the
//! syntax whose meaning is the same in Rust `regex`, `java.util.regex` and JMeter's default ORO
//! (Perl5) engine: escaped literals, one negated character class, `(?i)`.
use regex::Regex;

/// Escapes the characters that are metacharacters in any of the three engines. Everything else
/// stays literal: a backslash before a letter means something else in Java and ORO.
pub fn escape_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(c, '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A capture class stopping at `stop` (and at line ends).
fn capture_until(stop: Option<char>) -> String {
    match stop {
        None => "([^\\r\\n]+)".to_string(),
        // (Never a letter or digit: see `build`.) `\<` and `\>` are word boundaries in Rust's
        // regex, invalid in a class; `<`, `>` are plain in all three engines.
        Some(c) if !c.is_ascii() || c == '<' || c == '>' => format!("([^{c}\\r\\n]+)"),
        Some(c) => format!("([^\\{c}\\r\\n]+)"),
    }
}

/// Characters where a natural left boundary may begin (the delimiter itself is included).
fn is_delimiter(c: char) -> bool {
    // `|`: ASP.NET AJAX delta responses (`|hiddenField|__VIEWSTATE|…|`) and other pipe formats.
    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ',' | ';' | '{' | '(' | '?' | '&' | '[' | '|')
}

/// The shortest robust regex (with the match number to use) whose capture yields exactly
/// `value` from `text`. Its left boundary is literal text starting at a token delimiter (or the
/// line start) with at least three alphanumerics, so a replay with other values still matches.
/// `prefix` is prepended verbatim (e.g. `(?i)`). Returns the pattern, the match number and the
/// left boundary text; None when no occurrence gives a safe boundary.
pub fn build(text: &str, value: &str, prefix: &str) -> Option<(String, u32, String)> {
    let mut best: Option<(String, u32, String)> = None;
    for (pos, _) in text.match_indices(value).take(8) {
        let line_start = text[..pos].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let after = &text[pos + value.len()..];
        let stop = after.chars().next().filter(|c| *c != '\r' && *c != '\n');
        // A letter or digit right after it: the value is the start of a longer token there, and
        // a capture cut at that character would cut other values anywhere.
        if stop.is_some_and(|c| value.contains(c) || c.is_alphanumeric()) {
            continue;
        }
        let capture = capture_until(stop);
        let window_start = pos.saturating_sub(64).max(line_start);
        let mut starts: Vec<usize> = text[window_start..pos]
            .char_indices()
            .filter(|(_, c)| is_delimiter(*c))
            .map(|(i, _)| window_start + i)
            .rev()
            .collect();
        starts.push(line_start);
        for start in starts {
            if !text.is_char_boundary(start) {
                continue;
            }
            let left = &text[start..pos];
            let anchored = start == line_start && start > 0;
            if left.chars().filter(|c| c.is_alphanumeric()).count() < 3 && !anchored {
                continue;
            }
            let anchor = if anchored { "\\n" } else { "" };
            let pattern = format!("{prefix}{anchor}{}{capture}", escape_literal(left));
            if let Some(n) = match_number(&pattern, text, value) {
                if best.as_ref().is_none_or(|b| n < b.1) {
                    best = Some((pattern, n, left.to_string()));
                }
                if n == 1 {
                    return best;
                }
            }
        }
    }
    best
}

/// A regex whose left boundary holds a value extracted earlier, as the JMeter variable
/// `${var}`: for lists where each row carries its own token (`post=295&amp;_wpnonce=…`), so the
/// replay takes the token of *its* row, not whichever row comes first. `anchor` must occur in
/// the same line within 120 bytes before the recorded `value`, as a whole token. Returns the
/// pattern with `${var}`; validated with the recorded anchor in its place (match 1 = the value).
pub fn anchored(text: &str, value: &str, anchor: &str, var: &str, prefix: &str) -> Option<String> {
    let token_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    for (pos, _) in text.match_indices(value).take(8) {
        let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
        let mut from = pos.saturating_sub(120).max(line_start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let Some(a) = text[from..pos].rfind(anchor).map(|i| from + i) else { continue };
        if token_char(text[..a].chars().next_back()) || token_char(text[a + anchor.len()..].chars().next()) {
            continue;
        }
        let after = &text[pos + value.len()..];
        let stop = after.chars().next().filter(|c| *c != '\r' && *c != '\n');
        if stop.is_some_and(|c| value.contains(c) || c.is_alphanumeric()) {
            continue;
        }
        // A little literal text before the anchor, from a delimiter: `?post=`, `"id":`.
        let lead_from = a.saturating_sub(16).max(line_start);
        let mut lead_start = text[lead_from..a].char_indices().filter(|(_, c)| is_delimiter(*c)).map(|(i, _)| lead_from + i).last().unwrap_or(a);
        if !text.is_char_boundary(lead_start) {
            lead_start = a;
        }
        let middle = &text[a + anchor.len()..pos];
        let template = format!("{prefix}{}${{{var}}}{}{}", escape_literal(&text[lead_start..a]), escape_literal(middle), capture_until(stop));
        let concrete = template.replace(&format!("${{{var}}}"), &escape_literal(anchor));
        if match_number(&concrete, text, value) == Some(1) {
            return Some(template);
        }
    }
    None
}

/// The 1-based number of the first match whose capture equals `value`, if any.
pub fn match_number(pattern: &str, text: &str, value: &str) -> Option<u32> {
    let re = Regex::new(pattern).ok()?;
    let position = re.captures_iter(text).position(|c| c.get(1).is_some_and(|m| m.as_str() == value));
    position.map(|i| i as u32 + 1)
}

/// A variable name suggested by the text left of a value: `code=` → `code`, `"token":"` → `token`.
pub fn name_from_left(left: &str) -> Option<String> {
    let trimmed = left.trim_end_matches(|c: char| matches!(c, '=' | ':' | '"' | '\'' | ' ' | '\t'));
    let name: String = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (name.len() >= 2 && name.chars().any(|c| c.is_ascii_alphabetic())).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_tight_unique_regex() {
        let text = "HTTP/1.1 302 Found\nLocation: /cb?code=Ab12Cd34&state=xyz\nX-Other: 1\n";
        let (re, n, left) = build(text, "Ab12Cd34", "(?i)").unwrap();
        assert_eq!(n, 1);
        assert_eq!(re, "(?i)\\?code=([^\\&\\r\\n]+)");
        assert_eq!(name_from_left(&left).as_deref(), Some("code"));
    }

    #[test]
    fn grows_boundary_past_ambiguous_prefix() {
        let text = "var a = \"zzz\";\nvar token = \"Tk9x8y7w6\";\n";
        let (re, n, _) = build(text, "Tk9x8y7w6", "").unwrap();
        assert_eq!(n, 1, "{re}");
        assert_eq!(match_number(&re, text, "Tk9x8y7w6"), Some(1));
    }

    #[test]
    fn header_line_anchor() {
        let text = "HTTP/1.1 200 OK\nX-Auth-Token: abcDEF123456\n";
        let (re, n, _) = build(text, "abcDEF123456", "(?i)").unwrap();
        assert_eq!((re.as_str(), n), ("(?i)\\nX-Auth-Token: ([^\\r\\n]+)", 1));
    }

    #[test]
    fn element_text_ends_at_a_tag() {
        // `\<` would be a word boundary in Rust's regex: the class holds `<` unescaped.
        let text = "<Envelope><LoginResponse><SessionId>SESS-5520-99AB</SessionId></LoginResponse></Envelope>";
        let (re, n, _) = build(text, "SESS-5520-99AB", "").unwrap();
        assert_eq!((re.as_str(), n), ("<SessionId>([^<\\r\\n]+)", 1));
        let text = "<td class=\"ref\">a91f3c0d7e6b</td><td>>";
        assert_eq!(build(text, "a91f3c0d7e6b", "").map(|b| b.1), Some(1));
    }

    #[test]
    fn no_capture_cut_inside_a_longer_token() {
        // The recorded value is the start of `1522184022658`: a class stopping at `6` would cut
        // other timestamps anywhere.
        assert_eq!(build("lastupd=1522184022658; Path=/", "1522184022", ""), None);
        assert_eq!(build("lastupd=1522184022; Path=/", "1522184022", "").map(|b| b.0), Some("lastupd=([^\\;\\r\\n]+)".to_string()));
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_literal("a.b?c[d]-#&"), "a\\.b\\?c\\[d\\]-#&");
    }

    #[test]
    fn anchors_a_row_token_on_the_row_id() {
        let text = r#"<a href="post.php?post=296&amp;action=trash&amp;_wpnonce=aaaa1111">x</a><a href="post.php?post=295&amp;action=trash&amp;_wpnonce=bbbb2222">x</a>"#;
        let p = anchored(text, "bbbb2222", "295", "post_id", "").unwrap();
        assert_eq!(p, r#"\?post=${post_id}&amp;action=trash&amp;_wpnonce=([^\"\r\n]+)"#);
        assert!(anchored(text, "bbbb2222", "777", "x", "").is_none());
    }
}
