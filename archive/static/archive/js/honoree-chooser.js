/*
 * Chooser for many honorees (archive/widgets.py). The chosen records are rows with a hidden input each; 选择劳模
 * opens Wagtail's chooser modal in multiple-selection mode, 移除 takes a row out. Everything is read from the
 * widget's data attributes when a button is used, so widgets added to the page later need no set-up, and there
 * is no inline script (the admin's Content Security Policy).
 */
(function () {
  'use strict';

  var ROOT = '[data-honoree-chooser]';

  function rowsOf(root) {
    return root.querySelector('[data-honoree-chooser-list]');
  }

  function chosenIds(root) {
    var inputs = rowsOf(root).querySelectorAll('input[type="hidden"]');
    return Array.prototype.map.call(inputs, function (input) {
      return input.value;
    });
  }

  function announce(root, message) {
    var status = root.querySelector('[data-honoree-chooser-status]');
    status.textContent = '';
    // A fresh text node after a tick, so screen readers announce repeated messages too.
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function showEmptyState(root) {
    var empty = rowsOf(root).children.length === 0;
    rowsOf(root).hidden = empty;
    root.querySelector('[data-honoree-chooser-empty]').hidden = !empty;
  }

  function changed(root) {
    // Wagtail's unsaved-changes warning listens for change events on the form.
    root.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function row(root, honoree) {
    var item = element('li', 'honoree-chooser__item');
    item.setAttribute('data-honoree-chooser-item', '');
    var input = element('input');
    input.type = 'hidden';
    input.name = root.getAttribute('data-name');
    input.value = honoree.id;
    item.appendChild(input);
    item.appendChild(element('span', 'honoree-chooser__name', honoree.name || honoree.string));
    var meta = [honoree.employer, honoree.external_id].filter(Boolean).join(' · ');
    item.appendChild(element('span', 'honoree-chooser__meta', meta));
    if (honoree.withdrawn) item.appendChild(element('span', 'w-status w-status--label', '已撤下'));
    var remove = element('button', 'button button-small button-secondary no', '移除');
    remove.type = 'button';
    remove.setAttribute('data-honoree-chooser-remove', '');
    remove.setAttribute('aria-label', '移除 ' + (honoree.name || honoree.string) + '（' + honoree.external_id + '）');
    item.appendChild(remove);
    return item;
  }

  function add(root, chosen) {
    var present = chosenIds(root);
    var added = 0;
    chosen.forEach(function (honoree) {
      var id = String(honoree.id);
      if (present.indexOf(id) !== -1) return;
      present.push(id);
      rowsOf(root).appendChild(row(root, honoree));
      added += 1;
    });
    showEmptyState(root);
    if (added) changed(root);
    announce(root, added ? '已添加 ' + added + ' 位劳模，共 ' + present.length + ' 位。' : '所选劳模均已在列表中。');
  }

  function openChooser(root, button) {
    window.ModalWorkflow({
      url: root.getAttribute('data-chooser-url'),
      urlParams: { multiple: 1 },
      onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
      responses: {
        chosen: function (result) {
          add(root, Array.isArray(result) ? result : [result]);
          button.focus();
        },
      },
    });
  }

  function remove(root, item) {
    var name = item.querySelector('.honoree-chooser__name').textContent;
    var next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    showEmptyState(root);
    changed(root);
    // Keep the keyboard where it was: on the neighbouring row, or on 选择劳模 when the list is empty.
    var focus = next ? next.querySelector('[data-honoree-chooser-remove]') : root.querySelector('[data-honoree-chooser-open]');
    focus.focus();
    announce(root, '已移除 ' + name + '。');
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-honoree-chooser-open], [data-honoree-chooser-remove]');
    var root = button && button.closest(ROOT);
    if (!root) return;
    if (button.hasAttribute('data-honoree-chooser-open')) {
      openChooser(root, button);
    } else {
      remove(root, button.closest('[data-honoree-chooser-item]'));
    }
  });
})();
