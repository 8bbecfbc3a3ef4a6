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

// Save-draft (暂存) on a task's long forms: the fields are kept in this browser under the form's
// address until the person restores or discards them; nothing is sent to the server until they
// complete the task. The short forms (due date, hand-over) have none.
(() => {
    const zh = (document.documentElement.lang || '').startsWith('zh');
    const say = (c, e) => zh ? c : e;
    const forms = [...document.querySelectorAll('form[method=post][action*="/Tasks/Complete/"]')]
        .filter(f => !/handler=(ChangeDueDate|ReassignTask|Preview)/i.test(f.getAttribute('action')) && f.querySelectorAll('textarea').length > 0);
    const week = 7 * 24 * 3600 * 1000;
    for (const key of Object.keys(localStorage))
        if (key.startsWith('draft:')) { try { if (Date.now() - JSON.parse(localStorage.getItem(key)).at > week) localStorage.removeItem(key); } catch { localStorage.removeItem(key); } }

    const fieldsOf = form => [...form.elements].filter(el => el.name && el.name !== '__RequestVerificationToken' && el.type !== 'hidden' && el.type !== 'file');
    const save = form => {
        const values = {};
        for (const el of fieldsOf(form)) {
            if (el.type === 'checkbox' || el.type === 'radio') { if (el.checked) (values[el.name] ??= []).push(el.value); }
            else (values[el.name] ??= []).push(el.value);
        }
        localStorage.setItem('draft:' + form.getAttribute('action'), JSON.stringify({ at: Date.now(), values }));
    };
    const restore = (form, values) => {
        const seen = {};
        for (const el of fieldsOf(form)) {
            const list = values[el.name] || [];
            if (el.type === 'checkbox' || el.type === 'radio') el.checked = list.includes(el.value);
            else { const i = seen[el.name] = (seen[el.name] ?? -1) + 1; if (i < list.length) el.value = list[i]; }
        }
    };

    for (const form of forms) {
        const key = 'draft:' + form.getAttribute('action');
        const bar = document.createElement('div');
        bar.className = 'draft-bar';
        const status = document.createElement('span');
        status.setAttribute('role', 'status');
        const keep = document.createElement('button');
        keep.type = 'button';
        keep.className = 'secondary outline';
        keep.textContent = say('暂存', 'Save draft');
        keep.addEventListener('click', () => { save(form); status.textContent = say('已暂存在本浏览器中。', 'Draft saved in this browser.'); });
        bar.append(keep);
        const stored = localStorage.getItem(key);
        if (stored) {
            const { at, values } = JSON.parse(stored);
            const back = document.createElement('button');
            back.type = 'button';
            back.className = 'secondary';
            back.textContent = say('恢复暂存', 'Restore draft');
            back.addEventListener('click', () => { restore(form, values); status.textContent = say('已恢复暂存的内容。', 'The draft is restored.'); });
            const drop = document.createElement('button');
            drop.type = 'button';
            drop.className = 'secondary outline';
            drop.textContent = say('放弃暂存', 'Discard draft');
            drop.addEventListener('click', () => { localStorage.removeItem(key); back.remove(); drop.remove(); status.textContent = say('暂存已放弃。', 'The draft is discarded.'); });
            bar.append(back, drop);
            status.textContent = say(`有 ${new Date(at).toLocaleString('zh-CN')} 暂存的内容。`, `A draft from ${new Date(at).toLocaleString('en')} is kept.`);
        }
        bar.append(status);
        form.querySelector('button[type=submit]')?.before(bar);
        // Completed: the draft has done its work.
        form.addEventListener('submit', () => sessionStorage.setItem('submitted', key));
    }
    // Back on the inbox with the confirmation of a completion: that task's draft goes.
    const submitted = sessionStorage.getItem('submitted');
    if (submitted && !forms.length && document.querySelector('main [role=status].done')) { localStorage.removeItem(submitted); sessionStorage.removeItem('submitted'); }
})();
