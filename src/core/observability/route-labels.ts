/** The `route` label of requests no route matched; raw URLs would explode the label's cardinality. */
export const NOT_FOUND_ROUTE = '__not_found__';

/** The `module` label of routes the framework itself serves (health, metrics, docs, module admin). */
export const FRAMEWORK_MODULE = 'framework';
