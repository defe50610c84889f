//! MK203 hard-coded-server
use super::{is_http_sampler, is_literal};
use crate::context::{Context, Elem};
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds a server name typed into several HTTP samplers (`Server Name or IP`, or a full URL in
/// the path) instead of being left empty for HTTP Request Defaults or given as a `${variable}`.
/// A plan with a single request is not reported.
///
/// ## Why it matters
/// Pointing the plan at another environment (staging, a local build, a new load balancer)
/// then means editing every sampler, and the one that is missed silently keeps hitting the old
/// server.
pub struct HardCodedServer;

static META: RuleMeta = RuleMeta {
    code: "MK203",
    name: "hard-coded-server",
    family: Family::Config,
    severity: Severity::Info,
    summary: "several HTTP samplers hard-code the same server",
    why: "Changing environment then means editing every sampler; put the server in HTTP Request Defaults or a variable.",
    fix: None,
};

/// The literal host a sampler names, if it names one.
fn literal_host(s: &Elem) -> Option<String> {
    let domain = s.el.str_prop("HTTPSampler.domain").unwrap_or("").trim();
    if !domain.is_empty() {
        return is_literal(domain).then(|| domain.to_ascii_lowercase());
    }
    let path = s.el.str_prop("HTTPSampler.path").unwrap_or("").trim();
    let rest = path.strip_prefix("http://").or_else(|| path.strip_prefix("https://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    is_literal(host).then(|| host.to_ascii_lowercase())
}

impl Rule for HardCodedServer {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let http: Vec<&Elem> = ctx.active().filter(|e| is_http_sampler(e)).collect();
        if http.len() < 2 {
            return;
        }
        // host → samplers naming it, hosts in order of first use
        let mut hosts: Vec<(String, Vec<&Elem>)> = vec![];
        for s in http {
            let Some(h) = literal_host(s) else { continue };
            match hosts.iter_mut().find(|(x, _)| *x == h) {
                Some((_, v)) => v.push(s),
                None => hosts.push((h, vec![s])),
            }
        }
        for (host, samplers) in hosts.into_iter().filter(|(_, v)| v.len() >= 2) {
            let first = samplers[0];
            out.push(Finding::at(
                &META,
                first,
                format!(
                    "`{host}` is typed into {} HTTP samplers (first: `{}`); leave the server empty and set it once in HTTP Request Defaults, or use a variable such as `${{host}}`",
                    samplers.len(),
                    first.el.testname
                ),
            ));
        }
    }
}
