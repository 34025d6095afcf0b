package emrpipeline.sizing;

/**
 * What a sizing request asks for, from its {@code validateOnly} field: the handler dispatches with an exhaustive
 * {@code switch} over it, so a mode added here does not compile until the handler handles it.
 */
enum SizingMode {
    /** List, diff against the index, write the manifest, size the volumes (absent or {@code "false"}). */
    SIZE,
    /** Validate the request only: nothing listed or written ({@code "true"}; the state machine's input check). */
    VALIDATE_ONLY
}
