// The API key, asked for once when the server answers 401 and kept in this tab's session storage only.

const storageKey = 'functionsfetch.apiKey';
let pending = null;

/** The key entered in this tab, or null. */
export function currentKey() {
  return sessionStorage.getItem(storageKey);
}

/**
 * Asks for the key in the page's dialog; several calls while it is open share one answer.
 * @param {boolean} refused whether the key sent before was refused
 * @returns {Promise<string|null>} the key entered (and stored), or null when the user canceled
 */
export function askForKey(refused) {
  pending ??= new Promise((resolve) => {
    const dialog = document.getElementById('key-dialog');
    const form = document.getElementById('key-form');
    const input = document.getElementById('key-input');
    const cancel = document.getElementById('key-cancel');
    document.getElementById('key-message').textContent = refused
      ? 'The server refused that key. Enter the API key again.'
      : 'This server needs an API key (Fetch:ApiKey on the local host, a function key in Azure).';
    input.value = '';

    const finish = (key) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) {
        dialog.close();
      }
      pending = null;
      if (key) {
        sessionStorage.setItem(storageKey, key);
      }
      resolve(key);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (key) {
        finish(key);
      }
    };
    const onCancel = (event) => {
      event.preventDefault();
      finish(null);
    };

    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    input.focus();
  });
  return pending;
}
