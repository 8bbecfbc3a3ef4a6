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

// Save-draft (暂存) on a task's long forms: the fields go to the server (SaveDraft), kept per task and person,
// so the draft follows the person to any computer; the page brings a saved draft back (#draft-restored) and this
// puts its values into the form. The short forms (due date, hand-over) have none.
(() => {
    const zh = (document.documentElement.lang || '').startsWith('zh');
    const form = [...document.querySelectorAll('form[method=post][action*="/Tasks/Complete/"]')]
        .find(f => !/handler=(ChangeDueDate|ReassignTask|Preview|DiscardDraft)/i.test(f.getAttribute('action')) && f.querySelector('textarea'));
    if (!form) return;
    const fields = () => [...form.elements].filter(el => el.name && el.name !== '__RequestVerificationToken' && el.type !== 'hidden' && el.type !== 'file');

    const restored = document.getElementById('draft-restored');
    if (restored) {
        const values = JSON.parse(restored.dataset.values), seen = {};
        for (const el of fields()) {
            const list = values[el.name] || [];
            if (el.type === 'checkbox' || el.type === 'radio') el.checked = list.includes(el.value);
            else { const i = seen[el.name] = (seen[el.name] ?? -1) + 1; if (i < list.length) el.value = list[i]; }
            el.dispatchEvent(new Event('change', { bubbles: true }));
        }
    }

    const bar = document.createElement('div');
    bar.className = 'draft-bar';
    const status = document.createElement('span');
    status.setAttribute('role', 'status');
    const save = document.createElement('button');
    save.type = 'button';
    save.className = 'secondary outline';
    save.textContent = zh ? '暂存' : 'Save draft';
    save.addEventListener('click', async () => {
        const values = {};
        for (const el of fields())
            if ((el.type !== 'checkbox' && el.type !== 'radio') || el.checked) (values[el.name] ??= []).push(el.value);
        const body = new URLSearchParams({ values: JSON.stringify(values) });
        body.set('__RequestVerificationToken', form.elements['__RequestVerificationToken'].value);
        const action = form.getAttribute('action').replace(/([?&]handler=)[^&]*/i, '$1SaveDraft');
        try {
            const response = await fetch(action, { method: 'POST', body, credentials: 'same-origin' });
            status.textContent = (await response.json()).message;
            status.classList.toggle('error', !response.ok);
        } catch {
            status.textContent = zh ? '暂存失败：无法连接服务器，请稍后再试。' : 'The draft was not saved: the server could not be reached. Try again later.';
            status.classList.add('error');
        }
    });
    bar.append(save, status);
    form.querySelector('button[type=submit]')?.before(bar);
})();
