import type { SpecModel } from "../model/model.js";

/**
 * Where a set of generated modules lives in the package. A package of one spec has one set, in `src/`; a package of
 * several has one per product in `src/<product>/` (its subpath), and the combined modules in `src/`. Every set imports
 * the one runtime copy in `src/runtime/`.
 */
export interface ModuleLayout {
  /** The folder of the modules: `src/` or `src/<product>/`. */
  readonly dir: string;
  /** The runtime's folder as an import specifier from there: `./runtime/` or `../runtime/`. */
  readonly runtime: string;
}

export const ROOT_LAYOUT: ModuleLayout = { dir: "src/", runtime: "./runtime/" };

/** The modules of one product of a package made from several specs. */
export function productLayout(product: string): ModuleLayout {
  return { dir: `src/${product}/`, runtime: "../runtime/" };
}

/** Fixed module text (the emitters' own, never spec text) written for the root, moved to `layout`. */
export function relocate(text: string, layout: ModuleLayout): string {
  return layout.runtime === ROOT_LAYOUT.runtime ? text : text.replaceAll('"./runtime/', `"${layout.runtime}`);
}

/**
 * The model of one product of a package of several: its events and named types, its title and version, so that its
 * subpath's modules are what a package of that spec alone would have (but for names two products share).
 */
export function productView<M extends SpecModel>(model: M, product: string): M {
  const info = model.products?.find((p) => p.name === product);
  if (info === undefined) throw new Error(`no product ${product} in the model`);
  const { products: _products, description: _description, ...rest } = model;
  return {
    ...rest,
    title: info.title,
    version: info.version,
    ...(info.description !== undefined ? { description: info.description } : {}),
    packageName: `${model.packageName}/${product}`,
    events: model.events.filter((e) => e.product === product),
    namedTypes: model.namedTypes.filter((t) => t.product === product),
  } as unknown as M;
}
