// Every context key a policy names: condition keys and policy variables (in Resource, NotResource and
// condition values).
const VARIABLE = /\$\{([^}]*)\}/g;

export function variablesIn(text) {
  return [...text.matchAll(VARIABLE)].map((m) => m[1].split(',')[0].trim()).filter((v) => !['*', '?', '$'].includes(v));
}

export function keysNamedIn(documents) {
  const keys = [];
  for (const document of documents) {
    for (const statement of [document.Statement].flat()) {
      for (const resource of [statement.Resource ?? [], statement.NotResource ?? []].flat()) keys.push(...variablesIn(resource));
      for (const block of Object.values(statement.Condition ?? {})) {
        for (const [key, values] of Object.entries(block)) {
          keys.push(key);
          for (const value of [values].flat()) keys.push(...variablesIn(String(value)));
        }
      }
    }
  }
  return keys;
}
