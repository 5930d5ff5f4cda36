//! Template helpers registered on every theme's Tera: numbers shown the way
//! bulletins write them, and the site's statistics on any page.
//!
//! - filter `metric`: `{{ 123456 | metric(unit="名", bound="at_least") }}` →
//!   `12.35万余名`; takes a number or a decimal string; `unit` and `bound`
//!   (`exact`, `at_least`, `about`) are optional.
//! - function `stats`: `stats()` (site), `stats(campaign="ankang-cup")`,
//!   `stats(region="四川/宜宾")`, `stats(year=2024)`, `stats(month="2024-03")`
//!   → the list of totals of that scope (each with `key`, `label`, `definition`, `unit`,
//!   `display`, `value`, `bound`, `count`, and for a campaign `target` and
//!   `progress`). The values come from the page being rendered, so a
//!   rebuild never shows stale totals.

use std::str::FromStr;

use rust_decimal::Decimal;
use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use super::format::format_quantity;
use super::totals;
use crate::content::number::{Bound, Quantity};
use crate::site::Site;

/// Registers the filters and functions (before any template is added).
pub fn register(tera: &mut Tera) {
    tera.register_filter("metric", metric);
    tera.register_function("stats", stats);
}

fn decimal_of(v: &Value) -> Option<Decimal> {
    if let Some(s) = v.as_str() {
        return Decimal::from_str(s.trim()).ok();
    }
    if let Some(i) = v.as_i64() {
        return Some(Decimal::from(i));
    }
    // Floats only reach here from template literals; go through their shortest text form.
    v.as_f64()
        .and_then(|f| Decimal::from_str(&f.to_string()).ok())
}

fn metric(v: &Value, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let Some(d) = decimal_of(v) else {
        return Err(Error::message(format!("metric: `{v}` is not a number")));
    };
    let unit: String = kwargs.get::<String>("unit")?.unwrap_or_default();
    let bound = match kwargs.get::<String>("bound")?.as_deref() {
        None | Some("exact") => Bound::Exact,
        Some("at_least") => Bound::AtLeast,
        Some("about") => Bound::About,
        Some(other) => {
            return Err(Error::message(format!(
                "metric: bound `{other}` is not one of exact, at_least, about"
            )));
        }
    };
    // A template may say how precisely the amount is known and whether an
    // at-least amount has an upper limit; by default, as precisely as written.
    let step = kwargs
        .get::<Value>("step")?
        .as_ref()
        .and_then(decimal_of)
        .unwrap_or_default();
    let open = kwargs.get::<bool>("open")?.unwrap_or(false);
    let q = Quantity {
        value: d,
        bound,
        step,
        open,
    };
    Ok(format_quantity(q, &unit))
}

fn stats(kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    let scope = if let Some(c) = kwargs.get::<String>("campaign")? {
        format!("campaign:{c}")
    } else if let Some(r) = kwargs.get::<String>("region")? {
        format!("region:{r}")
    } else if let Some(m) = kwargs.get::<String>("month")? {
        format!("month:{m}")
    } else if let Some(y) = kwargs.get::<Value>("year")? {
        format!("year:{y}")
    } else {
        "site".to_string()
    };
    super::reads::stats_scope(&scope)
        .ok_or_else(|| Error::message("stats(): no statistics on this page"))
}

/// Every scope's totals, keyed as [`stats`] looks them up.
pub fn stats_value(site: &Site) -> Value {
    let s = &site.stats;
    let mut m = tera::Map::new();
    let mut put = |k: String, v: Vec<totals::TotalView>| {
        m.insert(k.into(), Value::from_serializable(&v));
    };
    put("site".into(), totals::views(site, &s.site, &[]));
    for (i, c) in site.campaigns.iter().enumerate() {
        if let Some(t) = s.campaigns.get(i) {
            let v = totals::views(site, t, &c.targets);
            put(format!("campaign:{}", c.slug), v.clone());
            put(format!("campaign:{}", c.name), v);
        }
    }
    for (i, n) in site.regions.nodes.iter().enumerate() {
        if let Some(t) = s.regions.get(i) {
            put(format!("region:{}", n.key), totals::views(site, t, &[]));
        }
    }
    for (y, t) in &s.years {
        put(format!("year:{y}"), totals::views(site, t, &[]));
    }
    for ((y, mo), t) in &s.months {
        put(format!("month:{y}-{mo:02}"), totals::views(site, t, &[]));
    }
    Value::from(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(tpl: &str, ctx: &tera::Context) -> String {
        let mut t = Tera::new();
        register(&mut t);
        t.add_raw_template("t", tpl).unwrap();
        t.render("t", ctx).unwrap()
    }

    #[test]
    fn metric_filter_formats_like_bulletins() {
        let ctx = tera::Context::new();
        assert_eq!(render("{{ 1292 | metric(unit=\"家\") }}", &ctx), "1,292家");
        assert_eq!(
            render(
                "{{ \"123456\" | metric(unit=\"名\", bound=\"at_least\") }}",
                &ctx
            ),
            "123,456余名"
        );
        // Known to the nearest 万, an at-least amount keeps its 余 there.
        assert_eq!(
            render(
                "{{ \"123456\" | metric(unit=\"名\", bound=\"at_least\", step=10000) }}",
                &ctx
            ),
            "12万余名"
        );
        assert_eq!(
            render("{{ 100 | metric(unit=\"场\", bound=\"about\") }}", &ctx),
            "约100场"
        );
        assert_eq!(render("{{ 72000 | metric(unit=\"元\") }}", &ctx), "7.2万元");
    }

    #[test]
    fn stats_function_reads_the_page_value() {
        let ctx = tera::Context::new();
        let mut m = tera::Map::new();
        m.insert(
            "campaign:ankang-cup".into(),
            Value::from_serializable(&vec![serde_json::json!({"display": "约581家"})]),
        );
        let all = Value::from(m);
        let (out, reads) = crate::render::reads::recording(|| {
            crate::render::reads::with_stats(&all, || {
                render(
                    "{% for t in stats(campaign=\"ankang-cup\") %}{{ t.display }}{% endfor %}",
                    &ctx,
                ) + &render("{{ stats(region=\"无\") | length }}", &ctx)
            })
        });
        assert_eq!(out, "约581家0");
        let scopes: Vec<_> = reads.into_iter().collect();
        assert_eq!(
            scopes,
            vec![
                crate::render::reads::Key::Stats("campaign:ankang-cup".into()),
                crate::render::reads::Key::Stats("region:无".into()),
            ]
        );
    }
}
