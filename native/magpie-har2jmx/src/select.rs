//! Which recorded entries become samplers: static resources, other domains and browser-only
//! requests are dropped; redirect hops are folded into the sampler whose redirect JMeter follows.
use magpie_core::har::Entry;

use crate::target::Target;
use crate::Options;

/// Why an entry is not a sampler of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    Static,
    Domain,
    /// Followed automatically as a redirect hop of an earlier sampler.
    RedirectHop,
    /// Not HTTP(S), aborted (status 0), a CORS preflight, a WebSocket upgrade.
    Other,
}

/// A sampler-to-be: `entries[0]` is sent; the rest are the redirect hops the browser followed.
#[derive(Debug, Clone)]
pub struct Planned {
    pub entries: Vec<usize>,
    /// False when the browser's redirect target is not part of the plan (other domain, not recorded).
    pub follow_redirects: bool,
}

pub struct Selection {
    pub steps: Vec<Planned>,
    pub skipped: Vec<(usize, Skip)>,
    pub included_hosts: Vec<String>,
}

const STATIC_EXTENSIONS: &[&str] = &[
    "css", "js", "mjs", "map", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif", "bmp", "tif", "tiff",
    "woff", "woff2", "ttf", "otf", "eot", "mp4", "webm", "mp3", "wav", "ogg", "m4a", "flac", "swf",
];
const STATIC_MIME: &[&str] = &[
    "image/*", "font/*", "audio/*", "video/*", "text/css", "text/javascript", "application/javascript",
    "application/x-javascript", "application/ecmascript", "application/font-woff", "application/font-woff2",
    "application/x-font-ttf", "application/vnd.ms-fontobject",
];
const STATIC_RESOURCE_TYPES: &[&str] = &["stylesheet", "script", "image", "font", "media", "manifest", "texttrack"];

fn mime_matches(pattern: &str, mime: &str) -> bool {
    match pattern.strip_suffix("/*") {
        Some(prefix) => mime.split('/').next() == Some(prefix),
        None => pattern == mime,
    }
}

fn is_static(e: &Entry, t: &Target, opts: &Options) -> bool {
    let path = t.path_and_query.split(['?', '#']).next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    if let Some((_, ext)) = last.rsplit_once('.') {
        let ext = ext.to_ascii_lowercase();
        if STATIC_EXTENSIONS.contains(&ext.as_str()) || opts.static_extensions.iter().any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(&ext)) {
            return true;
        }
    }
    let mime = e.response.content.mime_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if !mime.is_empty()
        && (STATIC_MIME.iter().any(|p| mime_matches(p, &mime)) || opts.static_mime_types.iter().any(|p| mime_matches(&p.to_ascii_lowercase(), &mime)))
    {
        return true;
    }
    STATIC_RESOURCE_TYPES.contains(&e.resource_type.to_ascii_lowercase().as_str())
}

fn is_browser_only(e: &Entry, t: Option<&Target>) -> bool {
    let Some(t) = t else { return true };
    if t.scheme != "http" && t.scheme != "https" {
        return true;
    }
    e.response.status == 0
        || e.response.status == 101
        || (e.request.method.eq_ignore_ascii_case("OPTIONS") && e.request_header("access-control-request-method").is_some())
}

/// `example.com` matches itself; `*.example.com` and `.example.com` match subdomains and itself.
pub fn host_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.trim().to_ascii_lowercase();
    let pattern = pattern.split(':').next().unwrap_or("");
    match pattern.strip_prefix("*.").or_else(|| pattern.strip_prefix('.')) {
        Some(suffix) => host == suffix || host.ends_with(&format!(".{suffix}")),
        None => host == pattern,
    }
}

/// The redirect target of `e`, resolved against its URL.
fn redirect_target(e: &Entry, base: &Target) -> Option<String> {
    if !(300..400).contains(&e.response.status) || e.response.status == 304 {
        return None;
    }
    let loc = e.response_header("location").map(str::to_string).or_else(|| Some(e.response.redirect_url.clone()))?;
    let loc = loc.trim();
    if loc.is_empty() {
        return None;
    }
    Some(base.resolve(loc))
}

fn same_url(a: &str, b: &str) -> bool {
    match (Target::parse(a), Target::parse(b)) {
        (Some(x), Some(y)) => x.origin() == y.origin() && x.path_and_query == y.path_and_query,
        _ => a == b,
    }
}

pub fn select(entries: &[Entry], opts: &Options) -> Selection {
    let targets: Vec<Option<Target>> = entries.iter().map(|e| Target::parse(&e.request.url)).collect();

    // Redirect chains: entry -> the later entry that is its followed hop.
    let mut hop_of: Vec<Option<usize>> = vec![None; entries.len()];
    let mut next_hop: Vec<Option<usize>> = vec![None; entries.len()];
    let mut unresolved_redirect = vec![false; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        let Some(base) = &targets[i] else { continue };
        let Some(target) = redirect_target(e, base) else { continue };
        let keep_method = matches!(e.response.status, 307 | 308);
        let found = (i + 1..entries.len().min(i + 40)).find(|&j| {
            hop_of[j].is_none()
                && same_url(&entries[j].request.url, &target)
                && (if keep_method {
                    entries[j].request.method.eq_ignore_ascii_case(&e.request.method)
                } else {
                    entries[j].request.method.eq_ignore_ascii_case("GET") || entries[j].request.method.eq_ignore_ascii_case("HEAD")
                })
        });
        match found {
            Some(j) => {
                hop_of[j] = Some(i);
                next_hop[i] = Some(j);
            }
            None => unresolved_redirect[i] = true,
        }
    }

    let included_hosts = if opts.include_domains.is_empty() {
        default_hosts(entries, &targets, &next_hop)
    } else {
        opts.include_domains.clone()
    };
    let host_ok = |t: &Target| {
        included_hosts.iter().any(|p| host_matches(p, &t.host)) && !opts.exclude_domains.iter().any(|p| host_matches(p, &t.host))
    };

    let mut steps = vec![];
    let mut skipped = vec![];
    for (i, e) in entries.iter().enumerate() {
        let t = targets[i].as_ref();
        if is_browser_only(e, t) {
            skipped.push((i, Skip::Other));
            continue;
        }
        let t = t.expect("checked by is_browser_only");
        if hop_of[i].is_some() {
            skipped.push((i, Skip::RedirectHop));
            continue;
        }
        if !host_ok(t) {
            skipped.push((i, Skip::Domain));
            continue;
        }
        if !opts.keep_static && is_static(e, t, opts) {
            skipped.push((i, Skip::Static));
            continue;
        }
        let mut chain = vec![i];
        let mut follow = !unresolved_redirect[i];
        let mut cur = i;
        while let Some(j) = next_hop[cur] {
            if !targets[j].as_ref().is_some_and(&host_ok) {
                follow = false;
                break;
            }
            chain.push(j);
            follow &= !unresolved_redirect[j];
            cur = j;
        }
        steps.push(Planned { entries: chain, follow_redirects: follow });
    }
    // A hop whose chain was cut (other domain) or whose head was dropped is sent by nobody:
    // report it for what it is itself.
    let in_steps: std::collections::HashSet<usize> = steps.iter().flat_map(|s| s.entries.iter().copied()).collect();
    for (i, reason) in skipped.iter_mut() {
        if *reason == Skip::RedirectHop && !in_steps.contains(i) {
            let t = targets[*i].as_ref().expect("hops have targets");
            *reason = if !host_ok(t) { Skip::Domain } else if is_static(&entries[*i], t, opts) { Skip::Static } else { Skip::Other };
        }
    }
    Selection { steps, skipped, included_hosts }
}

/// Hosts of the first document request and of its redirect chain.
fn default_hosts(entries: &[Entry], targets: &[Option<Target>], next_hop: &[Option<usize>]) -> Vec<String> {
    let is_doc = |e: &Entry| {
        e.resource_type.eq_ignore_ascii_case("document")
            || e.response.content.mime_type.to_ascii_lowercase().contains("html")
            || (300..400).contains(&e.response.status)
    };
    let first = entries
        .iter()
        .enumerate()
        .find(|(i, e)| targets[*i].as_ref().is_some_and(|t| t.scheme.starts_with("http")) && is_doc(e) && e.response.status != 0)
        .or_else(|| entries.iter().enumerate().find(|(i, _)| targets[*i].is_some()))
        .map(|(i, _)| i);
    let mut hosts: Vec<String> = vec![];
    let mut cur = first;
    while let Some(i) = cur {
        if let Some(t) = &targets[i] {
            if !hosts.contains(&t.host) {
                hosts.push(t.host.clone());
            }
        }
        cur = next_hop[i];
    }
    hosts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_patterns() {
        assert!(host_matches("example.com", "example.com"));
        assert!(!host_matches("example.com", "api.example.com"));
        assert!(host_matches("*.example.com", "api.example.com"));
        assert!(host_matches(".example.com", "example.com"));
        assert!(!host_matches("*.example.com", "badexample.com"));
    }
}
