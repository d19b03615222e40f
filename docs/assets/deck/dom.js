// dom.js: builds an element in one expression, so that each module's markup
// reads as the tree it makes rather than as a list of assignments.

// ARIA and data attributes, and role, have no property of their own in every
// browser, so they are set as attributes; everything else as a property.
const ATTRIBUTE = /^(aria-|data-|role$)/;

export function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (ATTRIBUTE.test(name)) node.setAttribute(name, value);
    else node[name] = value;
  }
  node.append(...children);
  return node;
}

export function button(properties, onPress, ...children) {
  const node = element("button", { type: "button", ...properties }, ...children);
  node.addEventListener("click", onPress);
  return node;
}
