// Builds elements from data without ever parsing it as HTML: every string becomes a text node.
// Attributes are set one by one; event handlers are passed as functions (no inline script anywhere).

/**
 * Creates an element.
 * @param {string} tag
 * @param {Record<string, unknown>} [props] attributes; `on<Event>` keys add listeners, `class` sets className,
 *   `testid` sets data-testid, boolean true sets an empty attribute, false/null/undefined sets none.
 * @param {...(Node|string|number|null|undefined|false|Array)} children strings and numbers become text nodes.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = String(value);
    } else if (name === 'testid') {
      element.dataset.testid = String(value);
    } else if (name === 'value') {
      element.value = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children: nodes as they are, strings and numbers as text, arrays flattened, empty values skipped. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces an element's content with the given children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes (and text, as a text node). */
export function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    element.textContent = String(text);
  }
  return element;
}
