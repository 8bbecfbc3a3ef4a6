// Rows a person adds or removes on a form (the parties concerned of a trace-back level). The server
// binds a list by its indexes [0], [1], ... so every change renumbers the rows in order.
(() => {
    const rowsOf = list => [...list.children].filter(c => c.hasAttribute('data-row'));

    const renumber = list => rowsOf(list).forEach((row, i) => {
        row.querySelectorAll('[name], [id], [for], [data-valmsg-for]').forEach(el => {
            for (const attr of ['name', 'id', 'for', 'data-valmsg-for']) {
                const value = el.getAttribute(attr);
                if (value) el.setAttribute(attr, value.replace(/\[\d+\]/, `[${i}]`).replace(/_\d+__/, `_${i}__`));
            }
        });
        row.querySelectorAll('[data-row-number]').forEach(n => { n.textContent = i + 1; });
    });

    const clear = row => {
        row.querySelectorAll('input, textarea, select').forEach(field => {
            if (field.type === 'radio' || field.type === 'checkbox') field.checked = false;
            else if (field.tagName === 'SELECT') field.selectedIndex = 0;
            else if (field.type !== 'hidden') field.value = '';
        });
        row.querySelectorAll('.field-validation-error').forEach(m => { m.textContent = ''; m.className = 'field-validation-valid'; });
    };

    document.addEventListener('click', e => {
        const add = e.target.closest('[data-add-row]');
        if (add) {
            const list = document.getElementById(add.dataset.addRow);
            const copy = rowsOf(list)[0].cloneNode(true);
            clear(copy);
            list.appendChild(copy);
            renumber(list);
            copy.querySelector('select, input:not([type=hidden]), textarea')?.focus();
            return;
        }
        const remove = e.target.closest('[data-remove-row]');
        if (remove) {
            const list = remove.closest('[data-rows]');
            if (rowsOf(list).length > 1) {
                remove.closest('[data-row]').remove();
                renumber(list);
                list.querySelector('select, input:not([type=hidden]), textarea')?.focus();
            }
        }
    });
})();
