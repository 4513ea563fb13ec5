// What both sandbox CRM pages share: building DOM nodes, and reading the sandbox CRM's records through the service.

/** A new element with the given properties and children. */
export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/**
 * Reads the records view at url; when the service cannot, shows why in box (naming what, e.g. "The sandbox org")
 * and resolves to null.
 */
export async function loadRecords(url, box, what) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    box.replaceChildren(el("p", { className: "status stop", textContent: `${what} could not be read (${response.status}).` }));
    return null;
  }
  return response.json();
}
