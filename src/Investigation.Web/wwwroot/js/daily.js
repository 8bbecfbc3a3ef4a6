// Behaviours every page shares (no inline script: the pages may run under a CSP without one).
(() => {
    // A field's error message goes once the person changes that field: an old message beside a
    // corrected value reads as if the correction were wrong too.
    const clearError = field => {
        if (!field.name) return;
        document.querySelectorAll(`[data-valmsg-for="${CSS.escape(field.name)}"]`).forEach(m => {
            m.textContent = '';
            m.classList.remove('field-validation-error');
            m.classList.add('field-validation-valid');
        });
        field.classList.remove('input-validation-error');
        field.removeAttribute('aria-invalid');
        // A circumstance ticked after its facts were refused: the refusal beside the tick is answered.
        if (field.name.endsWith('.Alleged')) field.closest('fieldset')?.classList.remove('unalleged-facts');
    };
    // A table wider than a phone scrolls in its own box: the box takes the keyboard focus, so it scrolls without a mouse too.
    document.querySelectorAll('.overflow-auto').forEach(box => {
        if (!box.hasAttribute('tabindex')) box.tabIndex = 0;
    });
    document.addEventListener('input', e => { if (e.target.matches('input, textarea, select')) clearError(e.target); });
    document.addEventListener('change', e => { if (e.target.matches('input, textarea, select')) clearError(e.target); });
})();
