//! The built-in modules every `jsrun` runtime gets.

use jsrun_runtime::RuntimeBuilder;

/// Adds every API module to `b`.
pub fn all(b: RuntimeBuilder) -> RuntimeBuilder {
    let b = jsrun_ohos::add_to(b);
    b.module(jsrun_dirigible::HttpClient)
        .module(jsrun_dirigible::HttpClientAsync)
        .module(jsrun_fourd::FourD)
        .module(jsrun_mychat::MyChat)
}
