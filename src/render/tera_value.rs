//! Small constructors of template values, shared by every view: a map in
//! key order, an optional value, and a date as templates see it.

use crate::date::EventDate;
use tera::{Map, Value};

/// A map from `(key, value)` pairs, in that order.
pub fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    let mut m = Map::with_capacity(N);
    for (k, v) in pairs {
        m.insert(k.into(), v);
    }
    Value::from(m)
}

/// `v` as a value, or none.
pub fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or_else(Value::none, Into::into)
}

/// A date as templates see it: `human` for readers, `machine` for
/// `<time datetime>` (none for a decade, which no `datetime` can say).
pub fn date(d: &EventDate) -> Value {
    map([("human", d.human().into()), ("machine", opt(d.datetime()))])
}
