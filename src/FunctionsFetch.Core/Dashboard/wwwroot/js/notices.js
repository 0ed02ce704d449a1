// The page's error banner and its confirmation dialog; both show messages as text only.

/** Shows an error (an ApiError's detail, or any message) above the view until the next navigation. */
export function showError(error) {
  const banner = document.getElementById('banner');
  banner.textContent = error instanceof Error ? error.message : String(error);
  banner.hidden = false;
}

/** Hides the error banner. */
export function clearError() {
  const banner = document.getElementById('banner');
  banner.hidden = true;
  banner.textContent = '';
}

/**
 * Asks the user to confirm an action in the page's dialog.
 * @returns {Promise<boolean>} true when confirmed
 */
export function confirmAction(title, message, confirmLabel) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-message').textContent = message;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
  });
}
