//! Correlation: finds values a recording sent back to the server after the server issued them,
//! locates their origin response, and builds an extractor that is validated on that recorded
//! response before anyone uses it.
//!
//! Input is a HAR plus the plan's steps (one step = one sampler: the request sent and the
//! redirect hops JMeter will follow by itself). Output is one [`Correlation`] per dynamic value,
//! and a [`Rejected`] entry for each candidate that could not be correlated, with the reason.
mod candidates;
pub mod derived;
mod differential;
mod dynamic;
pub mod extract;
mod generated;
mod html;
mod jsonpath;
mod origin;
mod regex_boundary;

use magpie_core::har::Har;
use std::collections::{HashMap, HashSet};

use serde::Serialize;

pub use candidates::{Candidate, UseSite};
pub use dynamic::looks_dynamic;
pub use generated::{classify as classify_client_value, ClientKind};
pub use origin::field_text;

/// One sampler of the plan: `entries[0]` is the request it sends; later entries are redirect
/// hops JMeter follows itself; the last entry's response is what the sampler's main result holds.
#[derive(Debug, Clone)]
pub struct Step {
    pub entries: Vec<usize>,
}

/// Where an extractor reads from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegexField {
    Body,
    Headers,
}

/// A validated extractor, in JMeter's terms.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Extractor {
    /// Regular Expression Extractor; `regex` has one capture group, valid in Rust `regex`,
    /// `java.util.regex` and ORO with the same meaning.
    Regex { field: RegexField, regex: String, match_no: u32 },
    /// JSON Extractor (Jayway JsonPath).
    Json { path: String, match_no: u32 },
    /// CSS Selector Extractor (JSoup): attribute of the selected element.
    Css { selector: String, attribute: String, match_no: u32 },
    /// Boundary Extractor: the text between two literal strings (no regex to read or escape).
    Boundary { field: RegexField, left: String, right: String, match_no: u32 },
}

impl Correlation {
    fn from_origin(variable: String, value: String, found: origin::Found, uses: Vec<UseSite>) -> Correlation {
        Correlation {
            variable,
            value,
            origin_step: found.step,
            origin_entry: found.entry,
            origin: found.description,
            extractor: found.extractor,
            in_sub_sample: found.in_sub_sample,
            url_encoded: found.url_encoded,
            json_escaped: found.json_escaped,
            base64_inner: found.base64_inner,
            uses,
        }
    }

    /// What the plan sends where the recording had the value: the variable, decoded as often as
    /// the response encoded it.
    pub fn reference(&self) -> String {
        let mut r = format!("${{{}}}", self.variable);
        for _ in 0..self.url_encoded {
            r = format!("${{__urldecode({r})}}");
        }
        if self.json_escaped {
            // JMeter's __unescape is Java unescaping: `\uXXXX` decoded, a stray `\` dropped.
            r = format!("${{__unescape({r})}}");
        }
        r
    }
}

impl Extractor {
    /// A JMeter variable name for what it extracts (`csrf_token` for `input[name="csrf_token"]`,
    /// `id` for `$.cart.id`, `code` for `?code=(…)`): letters, digits and `_`.
    pub fn name_hint(&self) -> String {
        let raw = match self {
            Extractor::Json { path, .. } => path.rsplit(['.', '[']).next().unwrap_or("").trim_matches(|c| c == '\'' || c == ']').to_string(),
            Extractor::Css { selector, attribute, .. } => selector
                .split("name=\"")
                .nth(1)
                .or_else(|| selector.split("id=\"").nth(1))
                .and_then(|r| r.split('"').next())
                .unwrap_or(attribute)
                .to_string(),
            Extractor::Regex { regex, .. } => {
                // The literal text before the capture group (the first `(` not opening `(?`).
                let group = regex.match_indices('(').map(|(i, _)| i).find(|&i| !regex[i + 1..].starts_with('?')).unwrap_or(0);
                regex_boundary::name_from_left(&regex[..group].replace('\\', "")).unwrap_or_default()
            }
            Extractor::Boundary { left, .. } => regex_boundary::name_from_left(left).unwrap_or_default(),
        };
        let mut names = dynamic::NameAllocator::default();
        names.allocate(&raw)
    }

    pub fn describe(&self) -> String {
        match self {
            Extractor::Regex { field, regex, match_no } => {
                let f = if *field == RegexField::Headers { "headers" } else { "body" };
                format!("regex on {f} {regex} (match {match_no})")
            }
            Extractor::Json { path, match_no } => format!("JSONPath {path} (match {match_no})"),
            Extractor::Css { selector, attribute, match_no } => {
                format!("CSS {selector} @{attribute} (match {match_no})")
            }
            Extractor::Boundary { field, left, right, match_no } => {
                let f = if *field == RegexField::Headers { "headers" } else { "body" };
                format!("boundary on {f} between {left:?} and {right:?} (match {match_no})")
            }
        }
    }
}

/// A dynamic value with its origin and extractor.
#[derive(Debug, Clone, Serialize)]
pub struct Correlation {
    pub variable: String,
    pub value: String,
    /// Step whose sampler gets the extractor.
    pub origin_step: usize,
    /// HAR entry index whose response holds the value.
    pub origin_entry: usize,
    /// Human description of the origin ("JSON body $.cart.id", "header X-Auth-Token").
    pub origin: String,
    pub extractor: Extractor,
    /// True when the origin is a redirect hop before the last one: the extractor must look at
    /// sub-samples too.
    pub in_sub_sample: bool,
    /// How many times the extracted text is URL-encoded: the plan sends it decoded that often
    /// (`${__urldecode(${var})}`).
    pub url_encoded: u8,
    /// The extracted text is JSON-escaped (a value in an inline script): the plan sends it
    /// unescaped (`${__unescape(${var})}`).
    pub json_escaped: bool,
    /// The extractor yields a base64 blob; the value is what this regex (group 1) finds in the
    /// decoded blob (a JSR223 step after the extractor decodes and matches).
    pub base64_inner: Option<String>,
    pub uses: Vec<UseSite>,
}

/// A candidate that looked dynamic but was not correlated, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    pub value: String,
    pub first_use: UseSite,
    pub reason: String,
}

/// A value the client made up (no response issued it): replayed with a JMeter function.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    pub value: String,
    pub kind: ClientKind,
    /// What the plan sends instead (`${__UUID()}`, `${__time()}`).
    pub function: String,
    pub uses: Vec<UseSite>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub correlations: Vec<Correlation>,
    pub generated: Vec<Generated>,
    pub rejected: Vec<Rejected>,
    pub derived: Vec<DerivedValue>,
    /// With a second recording: values no response issued that are the same in both recordings
    /// (typed by the user, chosen, constant), kept as recorded and not reported as problems.
    pub unchanged: Vec<String>,
}

/// A request value rebuilt from extracted values by a digest (a signature, a hashed nonce).
#[derive(Debug, Clone, Serialize)]
pub struct DerivedValue {
    pub variable: String,
    pub value: String,
    pub recipe: derived::Recipe,
    pub uses: Vec<UseSite>,
    /// Inputs the page made up itself (a PKCE verifier): (variable, length) the script makes.
    pub secrets: Vec<(String, usize)>,
}

impl DerivedValue {
    /// The Groovy script that rebuilds it (and makes its secrets).
    pub fn script(&self) -> String {
        self.recipe.groovy(&self.variable, &self.secrets)
    }
}

/// A second recording of the same journey, for differential evidence.
pub struct Second<'a> {
    pub har: &'a Har,
    pub steps: &'a [Step],
}

/// A regex origin that matches more than once (a list where each row has its own token) is
/// anchored on an earlier extracted value next to it in the same row, referenced as `${var}`, so
/// each thread takes the token of its own row; left as is when no such value is near.
fn anchor_on_earlier_value(
    responses: &origin::ResponseIndex,
    found: &mut origin::Found,
    earlier: &[Correlation],
    compiled: &mut HashMap<String, regex::Regex>,
) {
    let Extractor::Regex { field, regex, .. } = &found.extractor else { return };
    let Some(text) = responses.text_of(found.entry, field) else { return };
    // Origins of the same kind share patterns (one header regex for a token every page rotates).
    if !compiled.contains_key(regex) {
        let Ok(re) = regex::Regex::new(regex) else { return };
        compiled.insert(regex.clone(), re);
    }
    let re = &compiled[regex];
    if re.find_iter(text).take(2).count() < 2 {
        return;
    }
    let Some(value) = re.captures_iter(text).nth(match_index(&found.extractor)).and_then(|c| c.get(1)).map(|m| m.as_str().to_string()) else {
        return;
    };
    let prefix = if *field == RegexField::Headers { "(?i)" } else { "" };
    let safe = |v: &str| v.len() >= 2 && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    for c in earlier.iter().rev().filter(|c| c.origin_step < found.step && safe(&c.value) && c.url_encoded == 0 && !c.json_escaped).take(50) {
        if let Some(pattern) = regex_boundary::anchored(text, &value, &c.value, &c.variable, prefix) {
            found.description = format!("{} next to ${{{}}}", found.description, c.variable);
            found.extractor = Extractor::Regex { field: field.clone(), regex: pattern, match_no: 1 };
            return;
        }
    }
}

fn match_index(e: &Extractor) -> usize {
    match e {
        Extractor::Regex { match_no, .. } => (*match_no as usize).saturating_sub(1),
        _ => 0,
    }
}

/// The origin of every candidate (None for short numbers, which look elsewhere), searched on all
/// cores: the search (parsing origin pages above all) is independent per value and is most of
/// the engine's time on large recordings.
fn find_origins_in_parallel(
    responses: &origin::ResponseIndex,
    candidates: &[Candidate],
    holders: &[Option<usize>],
) -> Vec<Option<Result<origin::Found, String>>> {
    let one = |(c, from): (&Candidate, &Option<usize>)| -> Option<Result<origin::Found, String>> {
        looks_dynamic(&c.value).then(|| responses.find_origin(&c.value, c.uses[0].step, *from))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || candidates.len() < 64 {
        return candidates.iter().zip(holders).map(one).collect();
    }
    let chunk = candidates.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = candidates
            .chunks(chunk)
            .zip(holders.chunks(chunk))
            .map(|(cs, hs)| scope.spawn(move || cs.iter().zip(hs).map(one).collect::<Vec<_>>()))
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("origin search does not panic")).collect()
    })
}

/// Finds every correlatable value in `steps` of `har`.
pub fn find(har: &Har, steps: &[Step]) -> Report {
    find_with(har, steps, None)
}

/// Like [`find`], with a second recording of the same journey: fields that differ between the
/// two are candidates even when they do not look random; values no response issued that are the
/// same in both are static.
pub fn find_with(har: &Har, steps: &[Step], second: Option<Second>) -> Report {
    let entries = &har.log.entries;
    let evidence = second.map(|s| differential::evidence(entries, steps, &s.har.log.entries, s.steps)).unwrap_or_default();
    let mut candidates = candidates::collect(entries, steps, &evidence.differs);
    // Digest-shaped values last: their inputs may be candidates of the same request.
    candidates.sort_by_key(|c| derived::has_digest_shape(&c.value));
    let responses = origin::ResponseIndex::new(entries, steps);
    let mut report = Report::default();
    let mut names = dynamic::NameAllocator::default();
    let values: Vec<&str> = candidates.iter().map(|c| c.value.as_str()).collect();
    let holders = responses.first_holders(&values);
    drop(values);
    let origins = find_origins_in_parallel(&responses, &candidates, &holders);
    // Base64 holders of the candidates without a plain origin, in one pass the first time one
    // of them needs it.
    let unresolved: Vec<String> =
        candidates.iter().zip(&origins).filter(|(_, o)| !matches!(o, Some(Ok(_)))).map(|(c, _)| c.value.clone()).collect();
    let base64_holders = std::cell::OnceCell::new();
    let base64_from = |value: &str| -> Option<usize> {
        let holders: &std::collections::HashMap<&str, usize> = base64_holders.get_or_init(|| {
            let refs: Vec<&str> = unresolved.iter().map(String::as_str).collect();
            let found = responses.base64_holders(&refs);
            refs.into_iter().zip(found).filter_map(|(v, h)| Some((v, h?))).collect()
        });
        holders.get(value).copied()
    };
    // Likewise the first holders of the dynamic parts of those candidates (`sess_` + token).
    let part_holders = std::cell::OnceCell::new();
    let part_from = |part: &str| -> Option<usize> {
        let holders: &std::collections::HashMap<&str, usize> = part_holders.get_or_init(|| {
            let parts: Vec<&str> = unresolved.iter().flat_map(|v| dynamic::dynamic_parts(v)).collect();
            let found = responses.first_holders(&parts);
            parts.into_iter().zip(found).filter_map(|(p, h)| Some((p, h?))).collect()
        });
        holders.get(part).copied()
    };
    // Values extracted as the issued part of a composite value (`sess_` + token): a later
    // candidate equal to one joins that correlation instead of making a second.
    let mut composite_parts: HashSet<String> = HashSet::new();
    // Rejected form values that may have been typed into the page's form (see below).
    let mut maybe_typed: Vec<usize> = vec![];
    // (value, variable) of secrets a digest step makes (see PKCE below).
    let mut client_secrets: Vec<(String, String)> = vec![];
    let mut origins = origins.into_iter();
    let mut compiled_regexes = HashMap::new();
    for (cand, from) in candidates.into_iter().zip(holders) {
        let precomputed = origins.next().expect("one origin per candidate");
        let first_use = cand.uses[0].clone();
        let differs = cand.uses.iter().any(|u| evidence.differs.contains(&u.key()));
        if !looks_dynamic(&cand.value) && !differs {
            // A short number: a server id when a JSON id field issued it, unless a second
            // recording shows the same value (the item the user chose) — otherwise nothing.
            let same_in_both = cand.uses.iter().all(|u| evidence.equal.contains(&u.key()));
            if let Some(found) = responses.find_id_origin(&cand.value, first_use.step).filter(|_| !same_in_both) {
                let variable = names.allocate(found.name_hint.as_deref().unwrap_or(&first_use.name));
                report.correlations.push(Correlation::from_origin(variable, cand.value, found, cand.uses));
            }
            continue;
        }
        let mut origin = precomputed.unwrap_or_else(|| responses.find_origin(&cand.value, first_use.step, from));
        // A value that does not look random (a short id, here because it differs between two
        // recordings) is trusted only from a structured origin: in free text it is a coincidence.
        if let Ok(found) = &origin {
            if !looks_dynamic(&cand.value) && matches!(found.extractor, Extractor::Regex { field: RegexField::Body, .. } | Extractor::Boundary { field: RegexField::Body, .. }) {
                origin = Err(format!("a short value that differs between the recordings appears only in free text (entry {}); not extracted", found.entry));
            }
        }
        match origin {
            Ok(mut found) => {
                let uses = if composite_parts.contains(&cand.value) {
                    match join_uses(&mut report.correlations, &cand.value, cand.uses) {
                        Some(uses) => uses,
                        None => continue,
                    }
                } else {
                    cand.uses
                };
                anchor_on_earlier_value(&responses, &mut found, &report.correlations, &mut compiled_regexes);
                let variable = names.allocate(found.name_hint.as_deref().unwrap_or(&first_use.name));
                report.correlations.push(Correlation::from_origin(variable, cand.value, found, uses));
            }
            Err(reason) => {
                let keys: Vec<_> = cand.uses.iter().map(UseSite::key).collect();
                if !keys.is_empty() && keys.iter().all(|k| evidence.equal.contains(k)) {
                    report.unchanged.push(cand.value);
                    continue;
                }
                if let Some(found) = responses.find_base64_origin(&cand.value, first_use.step, base64_from(&cand.value)) {
                    let variable = names.allocate(&first_use.name);
                    report.correlations.push(Correlation::from_origin(variable, cand.value, found, cand.uses));
                    continue;
                }
                let reason = if keys.iter().any(|k| evidence.differs.contains(k)) {
                    format!("{reason}; it differs between the two recordings, so it is dynamic")
                } else {
                    reason
                };
                // A digest of values extracted before its first use?
                let digest_shaped = derived::has_digest_shape(&cand.value);
                let known: Vec<(String, String)> = if digest_shaped {
                    report
                        .correlations
                        .iter()
                        .filter(|c| c.origin_step < first_use.step)
                        .map(|c| (c.variable.clone(), c.value.clone()))
                        .collect()
                } else {
                    vec![]
                };
                if let Some(recipe) = derived::find(&cand.value, &known) {
                    let variable = names.allocate(&first_use.name);
                    report.derived.push(DerivedValue { variable, value: cand.value, recipe, uses: cand.uses, secrets: vec![] });
                    continue;
                }
                // Inputs no request sends as is (the page hashed them): any dynamic-looking value
                // an earlier response issued, extracted for the digest alone.
                if derived::has_digest_shape(&cand.value) {
                    let issued: Vec<(String, String)> = responses
                        .issued_values(first_use.step)
                        .into_iter()
                        .filter(|v| !known.iter().any(|(_, k)| k == v))
                        .enumerate()
                        .map(|(i, v)| (format!("\u{0}{i}"), v))
                        .collect();
                    let all: Vec<(String, String)> = known.iter().cloned().chain(issued.iter().cloned()).collect();
                    if let Some(mut recipe) = derived::find(&cand.value, &all) {
                        let mut ok = true;
                        for input in recipe.inputs.iter_mut() {
                            let Some((_, value)) = issued.iter().find(|(k, _)| k == input) else { continue };
                            let from = responses.first_holders(&[value.as_str()])[0];
                            match responses.find_origin(value, first_use.step, from) {
                                Ok(found) => {
                                    let variable = names.allocate(found.name_hint.as_deref().unwrap_or("hashed_input"));
                                    *input = variable.clone();
                                    // Sent by no request as is: only the digest step reads it.
                                    report.correlations.push(Correlation::from_origin(variable, value.clone(), found, vec![]));
                                }
                                Err(_) => ok = false,
                            }
                        }
                        if ok {
                            let variable = names.allocate(&first_use.name);
                            report.derived.push(DerivedValue { variable, value: cand.value, recipe, uses: cand.uses, secrets: vec![] });
                            continue;
                        }
                    }
                    // A digest of a secret the page made up and sends later (PKCE: the
                    // code_challenge now, the code_verifier at the token request).
                    let later: Vec<(String, String)> = sent_later(entries, steps, first_use.step, &cand.value);
                    if let Some(mut recipe) = derived::find(&cand.value, &later).filter(|r| r.inputs.len() == 1) {
                        let (name, secret) = later.iter().find(|(n, _)| *n == recipe.inputs[0]).cloned().expect("an input of the recipe");
                        let secret_var = names.allocate(&name);
                        recipe.inputs = vec![secret_var.clone()];
                        client_secrets.push((secret.clone(), secret_var.clone()));
                        let variable = names.allocate(&first_use.name);
                        let secrets = vec![(secret_var, secret.chars().count())];
                        report.derived.push(DerivedValue { variable, value: cand.value, recipe, uses: cand.uses, secrets });
                        continue;
                    }
                }
                let sent_at = entries[steps[first_use.step].entries[0]].started_ms();
                match generated::classify(&cand.value, sent_at) {
                    // A fresh value per request is right for one use; one value sent by several
                    // requests must stay the same across them, which a function call cannot do.
                    Some(kind) if cand.uses.len() == 1 => {
                        report.generated.push(Generated { value: cand.value, kind, function: kind.function().to_string(), uses: cand.uses })
                    }
                    Some(kind) => report.rejected.push(Rejected {
                        reason: {
                            let kind = serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                            let mut steps: Vec<usize> = cand.uses.iter().map(|u| u.step).collect();
                            steps.dedup();
                            let sent_in = match steps.len() {
                                1 => format!("{} fields of one request", cand.uses.len()),
                                n => format!("{n} requests"),
                            };
                            format!("a client-generated {kind} sent in {sent_in}: kept as recorded (one fresh value shared by those fields needs a variable)")
                        },
                        value: cand.value,
                        first_use,
                    }),
                    None => match generated::random_function(&cand.value, &first_use.name, differs).filter(|_| cand.uses.len() == 1) {
                        Some(function) => report.generated.push(Generated { value: cand.value, kind: ClientKind::Random, function, uses: cand.uses }),
                        None => match composite_origin(&responses, &cand.value, first_use.step, &part_from) {
                            // Fixed text around an issued value (`sess_` + token): the issued part
                            // is extracted; the request keeps the fixed text around the variable.
                            Some((part, found)) => {
                                if let Some(uses) = join_uses(&mut report.correlations, &part, cand.uses) {
                                    let variable = names.allocate(found.name_hint.as_deref().unwrap_or(&first_use.name));
                                    composite_parts.insert(part.clone());
                                    report.correlations.push(Correlation::from_origin(variable, part, found, uses));
                                }
                            }
                            None => {
                                if first_use.location == "form" && !differs {
                                    maybe_typed.push(report.rejected.len());
                                }
                                report.rejected.push(Rejected { value: cand.value, first_use, reason })
                            }
                        },
                    },
                }
            }
        }
    }
    // Cookies a page's script set (not by Set-Cookie, so JMeter's Cookie Manager will not have
    // them): a value extracted already gets the cookie as one more use; another one gets its own
    // correlation when a response issued it. The rest is the page's own state (analytics,
    // preferences), not reported.
    let script_cookies = candidates::script_set_cookies(entries, steps);
    let mut pending: Vec<(String, Vec<UseSite>)> = vec![];
    let mut attach: Vec<(usize, UseSite)> = vec![];
    if script_cookies.iter().any(|c| !c.is_empty()) {
        let mut by_value: HashMap<&str, usize> = HashMap::new();
        for (i, c) in report.correlations.iter().enumerate() {
            by_value.entry(c.value.as_str()).or_insert(i);
        }
        for (step, cookies) in script_cookies.into_iter().enumerate() {
            for (name, value) in cookies {
                let site = UseSite { step, location: "cookie".into(), name, nth: 1 };
                match by_value.get(value.as_str()).copied().filter(|&i| report.correlations[i].origin_step < step) {
                    Some(i) => attach.push((i, site)),
                    None => match pending.iter_mut().find(|(v, _)| *v == value) {
                        Some((_, uses)) => uses.push(site),
                        None => pending.push((value, vec![site])),
                    },
                }
            }
        }
    }
    for (i, site) in attach {
        let uses = &mut report.correlations[i].uses;
        uses.insert(uses.partition_point(|u| u.step <= site.step), site);
    }
    let values: Vec<&str> = pending.iter().map(|(v, _)| v.as_str()).collect();
    let holders = responses.first_holders(&values);
    drop(values);
    for ((value, uses), from) in pending.into_iter().zip(holders) {
        if let Ok(found) = responses.find_origin(&value, uses[0].step, from) {
            let variable = names.allocate(found.name_hint.as_deref().unwrap_or(&uses[0].name));
            report.correlations.push(Correlation::from_origin(variable, value, found, uses));
        }
    }
    // Typed into a form the page gave (an input with no value of its own): test data, not a
    // value whose origin was missed. One pass for all of them.
    let queries: Vec<(&str, usize)> =
        maybe_typed.iter().map(|&i| (report.rejected[i].first_use.name.as_str(), report.rejected[i].first_use.step)).collect();
    let typed = responses.typed_into(&queries);
    for (&i, entry) in maybe_typed.iter().zip(typed) {
        if let Some(entry) = entry {
            let r = &mut report.rejected[i];
            r.reason = format!(
                "typed by the user into the form field `{}` of entry {entry}: test data, kept as recorded (a CSV Data Set gives each user their own)",
                r.first_use.name
            );
        }
    }
    // The secrets' own uses (sent after their digest) send the variable the script made,
    // whatever the loop above decided about them on their own.
    for (secret, var) in client_secrets {
        let mut uses: Vec<UseSite> = vec![];
        report.rejected.retain(|r| {
            let hit = r.value == secret;
            if hit {
                uses.push(r.first_use.clone());
            }
            !hit
        });
        report.generated.retain(|g| {
            let hit = g.value == secret;
            if hit {
                uses.extend(g.uses.iter().cloned());
            }
            !hit
        });
        report.generated.push(Generated { value: secret, kind: ClientKind::Secret, function: format!("${{{var}}}"), uses });
    }
    report
}

/// Adds `uses` to the correlation that already extracts `value`; gives them back when none does.
fn join_uses(correlations: &mut [Correlation], value: &str, uses: Vec<UseSite>) -> Option<Vec<UseSite>> {
    match correlations.iter_mut().find(|c| c.value == value) {
        Some(same) => {
            same.uses.extend(uses);
            None
        }
        None => Some(uses),
    }
}

/// The origin of the issued part of a value built from fixed text and that part (see
/// [`dynamic::dynamic_parts`]); the part must stand as a whole token in the response (not the
/// start of a longer number or word there: that is a coincidence, and no extractor would be
/// robust).
fn composite_origin(
    responses: &origin::ResponseIndex,
    value: &str,
    step: usize,
    part_from: &impl Fn(&str) -> Option<usize>,
) -> Option<(String, origin::Found)> {
    dynamic::dynamic_parts(value).into_iter().find_map(|part| {
        let found = responses.find_origin(part, step, Some(part_from(part)?)).ok()?;
        let whole_token = |text: &str| {
            text.match_indices(part).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + part.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
        };
        let whole = match &found.extractor {
            Extractor::Regex { field, .. } | Extractor::Boundary { field, .. } => responses.text_of(found.entry, field).is_some_and(whole_token),
            _ => true, // a JSON leaf or an attribute value: whole by construction
        };
        whole.then(|| (part.to_string(), found))
    })
}

/// Dynamic-looking values requests send after `step`, other than `except`, named by field.
fn sent_later(entries: &[magpie_core::har::Entry], steps: &[Step], step: usize, except: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![];
    for (i, s) in steps.iter().enumerate().skip(step + 1) {
        for ((_, _, name, _), value) in differential::fields(&entries[s.entries[0]], i) {
            if value != except && looks_dynamic(&value) && !out.iter().any(|(_, v)| *v == value) {
                out.push((name, value));
            }
        }
    }
    out
}
