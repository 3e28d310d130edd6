//! Compiles the Slint screens in `ui/`: with debug info (so the UI tests
//! can find elements by id) and the Spanish translation bundled.
fn main() {
    let config = slint_build::CompilerConfiguration::new()
        .with_style("fluent".into())
        .with_debug_info(true)
        .with_bundled_translations("lang")
        .with_default_translation_context(slint_build::DefaultTranslationContext::None);
    slint_build::compile_with_config("ui/app.slint", config).expect("the Slint screens compile");
}
