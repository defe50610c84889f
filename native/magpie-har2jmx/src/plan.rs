//! Assembles the test plan: variables for each target, one Thread Group, a Cookie Manager,
//! common headers, a Transaction Controller per page, think times, samplers with their header
//! managers and extractors, and `${var}` in place of every correlated literal.
use magpie_core::har::{Entry, Har};
use magpie_core::jmx::elements::{self, HttpBody, HttpRequest};
use magpie_core::jmx::Element;
use magpie_core::urlenc::form_encode;
use magpie_correlate::{Correlation, Extractor, RegexField};

use crate::{assertions, sampler};
use crate::select::Planned;
use crate::target::Target;
use crate::Options;

/// A recorded server, parameterised as `${protocol}`, `${host}`, `${port}` (suffixed `_2`…).
struct Server {
    origin: String,
    scheme: String,
    host: String,
    port: u16,
    suffix: String,
}

struct StepModel {
    request: HttpRequest,
    headers: Vec<(String, String)>,
}

pub struct Built {
    pub plan: Element,
    pub transactions: usize,
    pub warnings: Vec<String>,
}

pub fn build(har: &Har, steps: &[Planned], found: &magpie_correlate::Report, opts: &Options, plan_name: &str) -> Built {
    let (correlations, generated) = (&found.correlations[..], &found.generated[..]);
    let entries = &har.log.entries;
    let mut warnings = vec![];
    let servers = servers(entries, steps);
    let width = steps.len().to_string().len().max(2);

    let mut models: Vec<StepModel> = steps
        .iter()
        .enumerate()
        .map(|(n, step)| {
            let entry_no = step.entries[0];
            let e = &entries[entry_no];
            let t = Target::parse(&e.request.url).expect("selected entries have URLs");
            let server = servers.iter().find(|s| s.origin == t.origin()).expect("every target has a server");
            let (body, warning) = sampler::body(e, entry_no);
            warnings.extend(warning);
            let mut headers = sampler::replay_headers(e, &body);
            for (_, v) in headers.iter_mut() {
                for s in &servers {
                    if v.contains(&s.origin) {
                        *v = v.replace(&s.origin, &server_expr(s));
                    }
                }
            }
            let path_only = t.path_and_query.split('?').next().unwrap_or("/");
            let request = HttpRequest {
                name: format!("{:0width$} {} {}", n + 1, e.request.method.to_ascii_uppercase(), truncate(path_only, 80)),
                protocol: format!("${{protocol{}}}", server.suffix),
                domain: format!("${{host{}}}", server.suffix),
                port: format!("${{port{}}}", server.suffix),
                method: e.request.method.to_ascii_uppercase(),
                path: t.path_and_query.clone(),
                body,
                follow_redirects: step.follow_redirects,
            };
            StepModel { request, headers }
        })
        .collect();

    // Correlated literals become variables in every later step; longest values first so a
    // value that contains another is replaced whole.
    let mut ordered: Vec<&Correlation> = correlations.iter().collect();
    ordered.sort_by(|a, b| b.value.len().cmp(&a.value.len()));
    for c in &ordered {
        for model in models.iter_mut().skip(c.origin_step + 1) {
            substitute_with(model, &c.value, &c.reference(), &format!("{{{}}}", c.variable));
        }
    }

    // Values the client made up are made up again by JMeter, at the one request that sends each.
    for g in generated {
        let label = format!("{{{}}}", serde_json::to_value(g.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default());
        for u in &g.uses {
            substitute_with(&mut models[u.step], &g.value, &g.function, &label);
        }
    }

    // Digests of extracted values are rebuilt by a script before the request that first sends them.
    for d in &found.derived {
        for u in &d.uses {
            substitute_with(&mut models[u.step], &d.value, &format!("${{{}}}", d.variable), &format!("{{{}}}", d.variable));
        }
    }

    // Headers every sampler sends alike go to one manager at thread-group level.
    let common: Vec<(String, String)> = match models.split_first() {
        Some((first, rest)) if !rest.is_empty() => {
            first.headers.iter().filter(|h| rest.iter().all(|m| m.headers.contains(h))).cloned().collect()
        }
        _ => vec![],
    };

    let dynamic: Vec<&str> = correlations.iter().map(|c| c.value.as_str()).collect();
    // The host of each step, as Groovy: where a script-set cookie belongs.
    let hosts: Vec<String> = models.iter().map(|m| groovy_host(&m.request.domain)).collect();
    let mut samplers: Vec<Element> = models
        .into_iter()
        .zip(steps)
        .map(|(m, step)| {
            let own: Vec<(String, String)> = m.headers.into_iter().filter(|h| !common.contains(h)).collect();
            let mut el = elements::http_request(&m.request);
            if !own.is_empty() {
                el = el.child(elements::header_manager("HTTP Header Manager", &own));
            }
            // JMeter's main result is the last hop's when it follows redirects, else the first's.
            let holds = if step.follow_redirects { *step.entries.last().expect("non-empty") } else { step.entries[0] };
            el.children.extend(assertions::learned(&entries[holds], opts.assertions, &dynamic));
            if opts.soft_failures {
                el.children.push(assertions::soft_failure(&entries[holds]));
            }
            el
        })
        .collect();
    let recorded: Vec<(String, String, String)> =
        correlations.iter().map(|c| (samplers[c.origin_step].testname.clone(), c.variable.clone(), extractor_default(c))).collect();
    for c in correlations {
        samplers[c.origin_step].children.push(extractor_element(c));
        if let Some(inner) = &c.base64_inner {
            samplers[c.origin_step].children.push(elements::jsr223_postprocessor(&format!("Decode {}", c.variable), &base64_inner_script(c, inner)));
        }
        for (cookie, host) in script_cookies(c, |step| hosts.get(step).cloned()) {
            samplers[c.origin_step].children.push(set_cookie_element(&cookie, &c.variable, &host));
        }
    }
    for d in &found.derived {
        if let Some(first) = d.uses.first() {
            let script = d.script();
            samplers[first.step].children.insert(0, elements::jsr223_preprocessor(&format!("Compute {}", d.variable), &script));
        }
    }

    let mut group = elements::thread_group("Users", "${__P(threads,1)}", "${__P(rampup,1)}", "${__P(loops,1)}")
        .child(elements::cookie_manager());
    if !common.is_empty() {
        group = group.child(elements::header_manager("Common headers", &common));
    }
    if opts.record_extractors && !recorded.is_empty() {
        group = group.child(elements::extractor_outcome_recorder("${__P(magpie.extractors.file,extractors.jsonl)}", &recorded));
    }
    let pages = group_pages(har, steps, opts.page_gap_ms);
    let transactions = pages.len();
    let mut samplers: Vec<Option<Element>> = samplers.drain(..).map(Some).collect();
    for (n, page) in pages.iter().enumerate() {
        if n > 0 && opts.think_times {
            if let Some(gap) = idle_before(entries, &entries[steps[page.steps[0]].entries[0]]) {
                group = group.child(elements::pause("Think time", &format!("${{__P(think_ms,{gap})}}")));
            }
        }
        let mut tc = elements::transaction_controller(&format!("{:02} {}", n + 1, page.label));
        for &s in &page.steps {
            tc = tc.child(samplers[s].take().expect("each step in one page"));
        }
        group = group.child(tc);
    }

    let variables: Vec<(String, String)> = servers
        .iter()
        .flat_map(|s| {
            [
                (format!("protocol{}", s.suffix), format!("${{__P(protocol{},{})}}", s.suffix, s.scheme)),
                (format!("host{}", s.suffix), format!("${{__P(host{},{})}}", s.suffix, s.host)),
                (format!("port{}", s.suffix), format!("${{__P(port{},{})}}", s.suffix, s.port)),
            ]
        })
        .collect();
    let plan = elements::test_plan(plan_name, &variables).child(group);
    Built { plan, transactions, warnings }
}

/// The user's idle time before `next`: from the end of everything the browser was still doing
/// (static resources included) to the next request. None when under 100 ms or unknown.
fn idle_before(entries: &[Entry], next: &Entry) -> Option<i64> {
    let start = next.started_ms()?;
    let busy_until = entries
        .iter()
        .filter_map(|e| e.started_ms().map(|t| (t, t + e.time.max(0.0) as i64)))
        .filter(|(t, _)| *t < start)
        .map(|(_, end)| end)
        .max()?;
    let gap = start - busy_until;
    (gap >= 100).then_some(gap)
}

fn server_expr(s: &Server) -> String {
    let base = format!("${{protocol{0}}}://${{host{0}}}", s.suffix);
    if s.origin.rsplit_once(':').is_some_and(|(_, p)| p.chars().all(|c| c.is_ascii_digit())) {
        format!("{base}:${{port{}}}", s.suffix)
    } else {
        base
    }
}

fn servers(entries: &[Entry], steps: &[Planned]) -> Vec<Server> {
    let mut out: Vec<Server> = vec![];
    for step in steps {
        let Some(t) = Target::parse(&entries[step.entries[0]].request.url) else { continue };
        if out.iter().any(|s| s.origin == t.origin()) {
            continue;
        }
        let suffix = if out.is_empty() { String::new() } else { format!("_{}", out.len() + 1) };
        out.push(Server { origin: t.origin(), scheme: t.scheme.clone(), host: t.host.clone(), port: t.port, suffix });
    }
    out
}

/// Replaces a literal value with `plain` (a variable or a function call) everywhere a step sends
/// it; in the sampler's name it becomes `label` (names stay constant across iterations).
fn substitute_with(m: &mut StepModel, value: &str, plain: &str, label: &str) {
    let plain = plain.to_string();
    let encoded_value = form_encode(value);
    let replace_url = |s: &str| -> String {
        let s = if encoded_value != value { s.replace(&encoded_value, &format!("${{__urlencode({plain})}}")) } else { s.to_string() };
        s.replace(value, &plain)
    };
    m.request.path = replace_url(&m.request.path);
    // Labels stay constant across iterations (reports aggregate by label): no `${}` in names.
    m.request.name = m.request.name.replace(value, label);
    match &mut m.request.body {
        HttpBody::Form(fields) | HttpBody::Multipart { fields, .. } => {
            for (_, v) in fields.iter_mut() {
                *v = v.replace(value, &plain);
            }
        }
        HttpBody::Raw(text) => {
            *text = text.replace(value, &plain);
            let json_escaped = value.replace('/', "\\/");
            if json_escaped != value {
                *text = text.replace(&json_escaped, &plain);
            }
        }
        HttpBody::None => {}
    }
    for (_, v) in m.headers.iter_mut() {
        *v = replace_url(v);
    }
}

/// What an extractor's variable holds when it finds nothing (distinct per variable, so a run's
/// results show which one failed).
fn extractor_default(c: &Correlation) -> String {
    format!("{}_NOT_FOUND", c.variable)
}

/// The variable a correlation's extractor writes: the value's own, or the blob's that a
/// decoding step reads.
fn extracted_variable(c: &Correlation) -> String {
    match c.base64_inner {
        Some(_) => format!("{}_b64", c.variable),
        None => c.variable.clone(),
    }
}

/// Groovy that decodes the extracted base64 blob and finds the value in it (the regex was
/// validated on the recorded blob); the value's default when either step finds nothing.
pub(crate) fn base64_inner_script(c: &Correlation, inner: &str) -> String {
    let java_string = serde_json::to_string(inner).expect("a string serialises");
    format!(
        "// Magpie: {var} travels inside a base64 blob; decode it and take the value out.\n\
         def blob = vars.get('{blob}')\n\
         def value = '{default}'\n\
         if (blob != null) {{\n\
         \x20   def text = new String(blob.replace('-', '+').replace('_', '/').decodeBase64(), 'UTF-8')\n\
         \x20   def m = java.util.regex.Pattern.compile({java_string}).matcher(text)\n\
         \x20   if (m.find()) {{ value = m.group(1) }}\n\
         }}\n\
         vars.put('{var}', value)\n",
        var = c.variable,
        blob = extracted_variable(c),
        default = extractor_default(c),
    )
}

/// The cookies a page's script set from `c`'s value, with the host (as Groovy) of the requests
/// that sent them, `host_of` a step's: (cookie name, host), each once.
pub(crate) fn script_cookies(c: &Correlation, host_of: impl Fn(usize) -> Option<String>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![];
    for u in c.uses.iter().filter(|u| u.location == "cookie") {
        let pair = (u.name.clone(), host_of(u.step).unwrap_or_else(|| "sampler.getDomain()".into()));
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}

/// A sampler's domain field as a Groovy expression: `${host}` → `vars.get('host')`, a literal
/// host → that string, anything else (a function) → the running sampler's evaluated domain.
pub(crate) fn groovy_host(domain: &str) -> String {
    let var = domain.strip_prefix("${").and_then(|d| d.strip_suffix('}'));
    match var {
        Some(v) if !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => format!("vars.get({})", groovy_str(v)),
        _ if !domain.is_empty() && !domain.contains("${") => groovy_str(domain),
        _ => "sampler.getDomain()".into(),
    }
}

/// A Groovy single-quoted string literal (no interpolation).
fn groovy_str(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The name of the step that hands cookie `cookie` to the Cookie Manager (plan mode finds it by
/// this name on a second run).
pub(crate) fn set_cookie_name(cookie: &str) -> String {
    format!("Set cookie {cookie}")
}

/// The JSR223 PostProcessor (after the extractor of `variable`) that hands JMeter's Cookie
/// Manager the cookie a page's script set from that value; see [`script_cookie_script`].
pub(crate) fn set_cookie_element(cookie: &str, variable: &str, host: &str) -> Element {
    elements::jsr223_postprocessor(&set_cookie_name(cookie), &script_cookie_script(cookie, variable, host))
}

/// Groovy that hands JMeter's Cookie Manager a cookie the page's script set (`document.cookie`,
/// js-cookie) from an extracted value: the manager learns cookies only from `Set-Cookie`, and
/// replaces any `Cookie` header a Header Manager would send. `add` replaces a cookie of the same
/// name, domain and path. `host` is a Groovy expression (see [`groovy_host`]).
fn script_cookie_script(cookie: &str, variable: &str, host: &str) -> String {
    format!(
        "// Magpie: the page's script sets cookie {cookie} from this value; JMeter's Cookie Manager only learns Set-Cookie.\n\
         def manager = sampler.getCookieManager()\n\
         def value = vars.get({var})\n\
         if (manager != null && value != null) {{\n\
         \x20   manager.add(new org.apache.jmeter.protocol.http.control.Cookie({name}, value, {host}, '/', false, 0))\n\
         }}\n",
        var = groovy_str(variable),
        name = groovy_str(cookie),
    )
}

pub(crate) fn extractor_element(c: &Correlation) -> Element {
    let name = format!("Extract {}", c.variable);
    let default = extractor_default(c);
    let variable = extracted_variable(c);
    let all = c.in_sub_sample;
    match &c.extractor {
        Extractor::Regex { field, regex, match_no } => {
            elements::regex_extractor(&name, &variable, *field == RegexField::Headers, regex, *match_no, &default, all)
        }
        Extractor::Json { path, match_no } => elements::json_extractor(&name, &variable, path, *match_no, &default, all),
        Extractor::Boundary { field, left, right, match_no } => {
            elements::boundary_extractor(&name, &variable, *field == RegexField::Headers, left, right, *match_no, &default, all)
        }
        Extractor::Css { selector, attribute, match_no } => {
            elements::css_extractor(&name, &variable, selector, attribute, *match_no, &default, all)
        }
    }
}

struct PageGroup {
    label: String,
    steps: Vec<usize>,
}

/// Steps grouped into pages: a new page starts when the HAR's pageref changes, at a top-level
/// document navigation (recorders such as Playwright keep one pageref for a whole tab), or,
/// without pagerefs, after a pause longer than `gap_ms`.
fn group_pages(har: &Har, steps: &[Planned], gap_ms: u64) -> Vec<PageGroup> {
    let entries = &har.log.entries;
    let mut groups: Vec<PageGroup> = vec![];
    let mut current_ref: Option<&str> = None;
    let mut has_document = false;
    let mut last_end: Option<i64> = None;
    for (s, step) in steps.iter().enumerate() {
        let e = &entries[step.entries[0]];
        let document = is_navigation(e);
        let new_group = groups.is_empty()
            || (document && has_document)
            || if !e.pageref.is_empty() {
                current_ref != Some(e.pageref.as_str())
            } else {
                matches!((last_end, e.started_ms()), (Some(end), Some(start)) if start - end > gap_ms as i64)
            };
        if new_group {
            let final_entry = &entries[*step.entries.last().expect("steps are never empty")];
            groups.push(PageGroup { label: page_label(har, e, final_entry), steps: vec![] });
            has_document = false;
        }
        has_document |= document;
        groups.last_mut().expect("pushed above").steps.push(s);
        current_ref = Some(e.pageref.as_str());
        let end = e.started_ms().map(|t| t + e.time.max(0.0) as i64);
        last_end = match (last_end, end) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => b.or(a),
        };
    }
    groups
}

/// A top-level page load: the recorder says so, or an HTML response to a request that asked for HTML.
fn is_navigation(e: &Entry) -> bool {
    if !e.resource_type.is_empty() {
        return e.resource_type.eq_ignore_ascii_case("document");
    }
    let accepts_html = e.request_header("accept").is_some_and(|a| a.starts_with("text/html"));
    accepts_html && (e.response.content.mime_type.contains("html") || (300..400).contains(&e.response.status))
}

/// The HTML `<title>` of the page's document, else the recorded page title, else the path.
fn page_label(har: &Har, e: &Entry, final_entry: &Entry) -> String {
    let title = har.log.pages.iter().find(|p| !e.pageref.is_empty() && p.id == e.pageref).map(|p| p.title.trim());
    let html_title = || {
        let body = final_entry.response.content.body_text()?;
        Some(assertions::raw_html_title(&body)?.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let is_real = |t: &str| !t.is_empty() && !t.contains("://") && !t.starts_with('/');
    // The HTML title first: a HAR page can span several navigations (one tab, one pageref).
    if let Some(t) = html_title().filter(|t| is_real(t)).or_else(|| title.filter(|t| is_real(t)).map(str::to_string)) {
        return truncate(&t, 60);
    }
    let path = Target::parse(&e.request.url)
        .map(|t| t.path_and_query.split('?').next().unwrap_or("/").to_string())
        .unwrap_or_default();
    truncate(&path, 60)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A HAR from (pageref, start ms, resource type, html title) tuples, one GET each.
    fn har(entries: &[(&str, i64, &str, &str)]) -> (Har, Vec<Planned>) {
        let entries: Vec<String> = entries
            .iter()
            .enumerate()
            .map(|(i, (pageref, start, rtype, title))| {
                let started = format!("1970-01-01T00:00:{:02}.{:03}Z", start / 1000, start % 1000);
                let body = if title.is_empty() { String::new() } else { format!("<html><head><title>{title}</title></head></html>") };
                format!(
                    r#"{{"pageref":"{pageref}","startedDateTime":"{started}","time":10,"_resourceType":"{rtype}",
                    "request":{{"method":"GET","url":"http://h/p{i}"}},
                    "response":{{"status":200,"content":{{"mimeType":"text/html","text":"{body}"}}}}}}"#
                )
            })
            .collect();
        let json = format!(r#"{{"log":{{"version":"1.2","pages":[{{"id":"p","title":"Tab title"}}],"entries":[{}]}}}}"#, entries.join(","));
        let har = magpie_core::har::parse(json.as_bytes(), "t.har").unwrap();
        let steps = (0..har.log.entries.len()).map(|i| Planned { entries: vec![i], follow_redirects: true }).collect();
        (har, steps)
    }

    fn groups(har: &Har, steps: &[Planned], gap: u64) -> Vec<(String, Vec<usize>)> {
        group_pages(har, steps, gap).into_iter().map(|g| (g.label, g.steps)).collect()
    }

    #[test]
    fn without_pages_a_long_pause_starts_a_transaction() {
        let (h, s) = har(&[("", 0, "xhr", ""), ("", 500, "xhr", ""), ("", 5000, "xhr", ""), ("", 5100, "xhr", "")]);
        assert_eq!(groups(&h, &s, 3000), vec![("/p0".to_string(), vec![0, 1]), ("/p2".to_string(), vec![2, 3])]);
        assert_eq!(groups(&h, &s, 10_000).len(), 1);
    }

    #[test]
    fn one_tab_pageref_is_split_at_document_navigations_and_named_by_html_title() {
        let (h, s) = har(&[("p", 0, "document", "Home"), ("p", 100, "fetch", ""), ("p", 900, "document", "Sign in")]);
        assert_eq!(
            groups(&h, &s, 3000),
            vec![("Home".to_string(), vec![0, 1]), ("Sign in".to_string(), vec![2])]
        );
    }

    #[test]
    fn idle_time_counts_everything_the_browser_was_doing() {
        let (h, _) = har(&[("p", 0, "document", ""), ("p", 50, "image", ""), ("p", 2000, "document", "")]);
        // The image ends at 60 ms; the next page starts at 2000 ms.
        assert_eq!(idle_before(&h.log.entries, &h.log.entries[2]), Some(1940));
        assert_eq!(idle_before(&h.log.entries, &h.log.entries[1]), None);
    }
}
