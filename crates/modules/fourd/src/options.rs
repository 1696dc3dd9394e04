//! Reading the options object of `HTTPRequest.new(url, options)`.
//!
//! Options may be own properties (an object literal), fields set by a class
//! constructor, or methods of the class (the document's
//! `cs.MyHttpRequestOptions`): every object on the prototype chain up to
//! `Object.prototype` is looked at. Only the names found there are read (with
//! `[[Get]]` on the options object, so shadowing and getters behave), which
//! keeps a four-property literal at four reads instead of twenty-one.

use boa_engine::object::JsObject;
use boa_engine::property::PropertyKey;
use boa_engine::string::JsStrVariant;
use boa_engine::{js_string, Context, JsResult, JsString, JsValue};
use jsrun_runtime::get_fast;

/// Every option of the document, plus jsrun's `proxy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Opt {
    AutomaticRedirections,
    Body,
    CertificatesFolder,
    DataType,
    DecodeData,
    Encoding,
    Headers,
    Method,
    MinTlsVersion,
    OnData,
    OnError,
    OnHeaders,
    OnResponse,
    OnTerminate,
    Protocol,
    ProxyAuthentication,
    ServerAuthentication,
    ReturnResponseBody,
    Timeout,
    ValidateTlsCertificate,
    Proxy,
}

const COUNT: usize = Opt::Proxy as usize + 1;

const ALL: [Opt; COUNT] = [
    Opt::AutomaticRedirections,
    Opt::Body,
    Opt::CertificatesFolder,
    Opt::DataType,
    Opt::DecodeData,
    Opt::Encoding,
    Opt::Headers,
    Opt::Method,
    Opt::MinTlsVersion,
    Opt::OnData,
    Opt::OnError,
    Opt::OnHeaders,
    Opt::OnResponse,
    Opt::OnTerminate,
    Opt::Protocol,
    Opt::ProxyAuthentication,
    Opt::ServerAuthentication,
    Opt::ReturnResponseBody,
    Opt::Timeout,
    Opt::ValidateTlsCertificate,
    Opt::Proxy,
];

impl Opt {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Opt::AutomaticRedirections => "automaticRedirections",
            Opt::Body => "body",
            Opt::CertificatesFolder => "certificatesFolder",
            Opt::DataType => "dataType",
            Opt::DecodeData => "decodeData",
            Opt::Encoding => "encoding",
            Opt::Headers => "headers",
            Opt::Method => "method",
            Opt::MinTlsVersion => "minTLSVersion",
            Opt::OnData => "onData",
            Opt::OnError => "onError",
            Opt::OnHeaders => "onHeaders",
            Opt::OnResponse => "onResponse",
            Opt::OnTerminate => "onTerminate",
            Opt::Protocol => "protocol",
            Opt::ProxyAuthentication => "proxyAuthentication",
            Opt::ServerAuthentication => "serverAuthentication",
            Opt::ReturnResponseBody => "returnResponseBody",
            Opt::Timeout => "timeout",
            Opt::ValidateTlsCertificate => "validateTLSCertificate",
            Opt::Proxy => "proxy",
        }
    }

    fn key(self) -> JsString {
        match self {
            Opt::AutomaticRedirections => js_string!("automaticRedirections"),
            Opt::Body => js_string!("body"),
            Opt::CertificatesFolder => js_string!("certificatesFolder"),
            Opt::DataType => js_string!("dataType"),
            Opt::DecodeData => js_string!("decodeData"),
            Opt::Encoding => js_string!("encoding"),
            Opt::Headers => js_string!("headers"),
            Opt::Method => js_string!("method"),
            Opt::MinTlsVersion => js_string!("minTLSVersion"),
            Opt::OnData => js_string!("onData"),
            Opt::OnError => js_string!("onError"),
            Opt::OnHeaders => js_string!("onHeaders"),
            Opt::OnResponse => js_string!("onResponse"),
            Opt::OnTerminate => js_string!("onTerminate"),
            Opt::Protocol => js_string!("protocol"),
            Opt::ProxyAuthentication => js_string!("proxyAuthentication"),
            Opt::ServerAuthentication => js_string!("serverAuthentication"),
            Opt::ReturnResponseBody => js_string!("returnResponseBody"),
            Opt::Timeout => js_string!("timeout"),
            Opt::ValidateTlsCertificate => js_string!("validateTLSCertificate"),
            Opt::Proxy => js_string!("proxy"),
        }
    }

    fn from_ascii(name: &[u8]) -> Option<Opt> {
        // A match on the bytes compiles to a length switch and one compare.
        Some(match name {
            b"automaticRedirections" => Opt::AutomaticRedirections,
            b"body" => Opt::Body,
            b"certificatesFolder" => Opt::CertificatesFolder,
            b"dataType" => Opt::DataType,
            b"decodeData" => Opt::DecodeData,
            b"encoding" => Opt::Encoding,
            b"headers" => Opt::Headers,
            b"method" => Opt::Method,
            b"minTLSVersion" => Opt::MinTlsVersion,
            b"onData" => Opt::OnData,
            b"onError" => Opt::OnError,
            b"onHeaders" => Opt::OnHeaders,
            b"onResponse" => Opt::OnResponse,
            b"onTerminate" => Opt::OnTerminate,
            b"protocol" => Opt::Protocol,
            b"proxyAuthentication" => Opt::ProxyAuthentication,
            b"serverAuthentication" => Opt::ServerAuthentication,
            b"returnResponseBody" => Opt::ReturnResponseBody,
            b"timeout" => Opt::Timeout,
            b"validateTLSCertificate" => Opt::ValidateTlsCertificate,
            b"proxy" => Opt::Proxy,
            _ => return None,
        })
    }

    fn from_key(key: &PropertyKey) -> Option<Opt> {
        let PropertyKey::String(s) = key else {
            return None;
        };
        match s.as_str().variant() {
            JsStrVariant::Latin1(bytes) => Opt::from_ascii(bytes),
            JsStrVariant::Utf16(units) => {
                let mut buf = [0u8; 24];
                if units.len() > buf.len() {
                    return None;
                }
                for (b, u) in buf.iter_mut().zip(units) {
                    *b = u8::try_from(*u).ok().filter(u8::is_ascii)?;
                }
                Opt::from_ascii(&buf[..units.len()])
            }
        }
    }
}

/// The options present, by name; `undefined` counts as absent.
pub(crate) struct Raw {
    values: [Option<JsValue>; COUNT],
}

impl Raw {
    pub(crate) fn empty() -> Self {
        Raw {
            values: std::array::from_fn(|_| None),
        }
    }

    /// The value of `opt`, if given.
    pub(crate) fn get(&self, opt: Opt) -> Option<&JsValue> {
        self.values[opt as usize].as_ref()
    }

    /// Takes the value of `opt` out.
    pub(crate) fn take(&mut self, opt: Opt) -> Option<JsValue> {
        self.values[opt as usize].take()
    }
}

/// Reads the options of `options`; see the module docs for which are seen.
///
/// # Errors
/// An exception thrown by a getter or a proxy trap of the options object.
pub(crate) fn read(options: &JsObject, ctx: &mut Context) -> JsResult<Raw> {
    let object_proto = ctx.intrinsics().constructors().object().prototype();
    let mut found = [false; COUNT];
    let mut current = Some(options.clone());
    // A prototype chain is finite, but an exotic one need not end; 64 is far
    // more than any options class hierarchy.
    for _ in 0..64 {
        let Some(obj) = current else { break };
        if JsObject::equals(&obj, &object_proto) {
            break;
        }
        for key in obj.own_property_keys(ctx)? {
            if let Some(opt) = Opt::from_key(&key) {
                found[opt as usize] = true;
            }
        }
        current = obj.prototype();
    }
    let mut raw = Raw::empty();
    for opt in ALL {
        if found[opt as usize] {
            let v = get_fast(options, PropertyKey::from(opt.key()), ctx)?;
            if !v.is_undefined() {
                raw.values[opt as usize] = Some(v);
            }
        }
    }
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_maps_back_to_its_option() {
        for opt in ALL {
            assert_eq!(Opt::from_ascii(opt.name().as_bytes()), Some(opt));
            assert_eq!(opt.key().to_std_string_lossy(), opt.name());
        }
        assert_eq!(Opt::from_ascii(b"Body"), None);
        assert_eq!(Opt::from_ascii(b""), None);
    }
}
