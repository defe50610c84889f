//! CSS selector extractors for values held in HTML attributes (hidden inputs, meta tags):
//! `tag[name="…"]` or `tag#id`, the subset JSoup and `scraper` read the same way.
use scraper::{Html, Selector};

pub struct CssOrigin {
    pub selector: String,
    pub attribute: String,
    pub match_no: u32,
    /// The element's name or id, a good variable name.
    pub name_hint: String,
}

/// Finds an element attribute equal to `value` (entity-decoded by the parser) and a selector
/// for it, validated by running the selector on the same document.
pub fn find_attribute(doc: &Html, value: &str) -> Option<CssOrigin> {
    for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let e = el.value();
        for (attr, v) in e.attrs() {
            if v != value || attr == "name" || attr == "id" {
                continue;
            }
            let tag = e.name();
            let (selector, hint) = if let Some(name) = e.attr("name").filter(|n| safe_in_quotes(n)) {
                (format!("{tag}[name=\"{name}\"]"), name.to_string())
            } else if let Some(id) = e.attr("id").filter(|i| is_css_ident(i)) {
                (format!("{tag}#{id}"), id.to_string())
            } else if let Some(prop) = e.attr("property").filter(|p| safe_in_quotes(p)) {
                (format!("{tag}[property=\"{prop}\"]"), prop.to_string())
            } else {
                continue;
            };
            let Ok(sel) = Selector::parse(&selector) else { continue };
            let position = doc.select(&sel).position(|m| m.value().attr(attr) == Some(value));
            if let Some(i) = position {
                return Some(CssOrigin { selector, attribute: attr.to_string(), match_no: i as u32 + 1, name_hint: hint });
            }
        }
    }
    None
}

fn safe_in_quotes(s: &str) -> bool {
    !s.is_empty() && !s.contains(['"', '\\', '\n', '\r'])
}

fn is_css_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Whether the tag around byte `at` of `html` (where its `name="…"` is) is a field a person fills
/// in: an `<input>` they type into (not hidden, no value of its own) or a `<textarea>`.
pub fn tag_is_empty_user_field(html: &str, at: usize) -> bool {
    let Some(start) = html[..at].rfind('<') else { return false };
    let Some(len) = html[at..].find('>') else { return false };
    let tag = Html::parse_fragment(&html[start..at + len + 1]);
    let Ok(sel) = Selector::parse("input, textarea") else { return false };
    tag.select(&sel).next().is_some_and(|el| {
        let e = el.value();
        let kind = e.attr("type").unwrap_or("text").to_ascii_lowercase();
        let typed = matches!(kind.as_str(), "text" | "password" | "email" | "search" | "tel" | "number" | "url");
        e.name() == "textarea" || (typed && e.attr("value").is_none_or(str::is_empty))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_input_and_meta() {
        let doc = Html::parse_document(
            r#"<html><head><meta name="csrf-token" content="Tok&amp;9x8y"></head><body>
            <form><input type="hidden" name="csrf_token" value="Zz91aa22"></form></body></html>"#,
        );
        let o = find_attribute(&doc, "Tok&9x8y").unwrap();
        assert_eq!((o.selector.as_str(), o.attribute.as_str(), o.match_no), ("meta[name=\"csrf-token\"]", "content", 1));
        let o = find_attribute(&doc, "Zz91aa22").unwrap();
        assert_eq!((o.selector.as_str(), o.attribute.as_str(), o.name_hint.as_str()), ("input[name=\"csrf_token\"]", "value", "csrf_token"));
    }
}
