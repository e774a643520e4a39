/**
 * REST routes from the `google.api.http` annotations of the descriptors, as grpc-gateway (v1, the
 * SDK's gateway) generates them: one route per HTTP rule and per additional binding, a path
 * template with variables (`{address}`, `{denom=**}`, `{pagination.key}`), a body rule ("" for
 * GET, "*" or one field for POST). Matching follows the gateway: routes are tried in
 * registration order (services in the order given, methods in proto order), first match wins.
 *
 * Template grammar (google/api/http.proto):
 *   Template = "/" Segments [ ":" Verb ]     Segment = "*" | "**" | LITERAL | Variable
 *   Variable = "{" FieldPath [ "=" Segments ] "}"   FieldPath = IDENT { "." IDENT }
 */
import { getOption, hasOption, type DescMethod } from '@bufbuild/protobuf';
import { protoRegistry } from '../../codec/descriptors';

export type Segment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'any' } // "*": one segment
  | { readonly kind: 'rest' } // "**": the rest of the path, one or more segments
  | { readonly kind: 'var'; readonly field: string; readonly inner: readonly Segment[] };

export interface PathTemplate {
  readonly text: string;
  readonly segments: readonly Segment[];
  readonly verb?: string;
}

export interface Route {
  /** GET, POST, PUT, DELETE, PATCH */
  readonly httpMethod: string;
  readonly template: PathTemplate;
  /** "" (no body), "*" (the whole request), or a top-level field name. */
  readonly body: string;
  /** The gRPC method: "/cosmos.bank.v1beta1.Query/Balance". */
  readonly grpcPath: string;
  readonly method: DescMethod;
}

export class TemplateError extends Error {}

/** Parses a path template; throws TemplateError on syntax it does not follow. */
export function parseTemplate(text: string): PathTemplate {
  if (!text.startsWith('/')) throw new TemplateError(`template ${JSON.stringify(text)} must start with "/"`);
  let body = text.slice(1);
  let verb: string | undefined;
  // a verb is a ":" after the last "/" and outside braces
  const colon = body.lastIndexOf(':');
  const insideBraces = (at: number) => body.slice(0, at).split('{').length !== body.slice(0, at).split('}').length;
  if (colon > body.lastIndexOf('/') && !insideBraces(colon)) {
    verb = body.slice(colon + 1);
    body = body.slice(0, colon);
  }
  let pos = 0;
  const segments = parseSegments(() => body[pos], () => body[pos++], false);
  if (pos !== body.length) throw new TemplateError(`template ${JSON.stringify(text)}: unexpected ${JSON.stringify(body.slice(pos))}`);
  const flat = segments.flatMap((s) => (s.kind === 'var' ? s.inner : [s]));
  const restAt = flat.findIndex((s) => s.kind === 'rest');
  if (restAt >= 0 && restAt !== flat.length - 1) throw new TemplateError(`template ${JSON.stringify(text)}: "**" must be the last segment`);
  return { text, segments, verb };

  function parseSegments(peek: () => string | undefined, next: () => string | undefined, inVar: boolean): Segment[] {
    const out: Segment[] = [];
    for (;;) {
      out.push(parseSegment(peek, next, inVar));
      if (peek() !== '/') return out;
      next();
    }
  }

  function parseSegment(peek: () => string | undefined, next: () => string | undefined, inVar: boolean): Segment {
    if (peek() === '{') {
      if (inVar) throw new TemplateError(`template ${JSON.stringify(text)}: nested variable`);
      next();
      let field = '';
      while (peek() !== undefined && peek() !== '}' && peek() !== '=') field += next();
      if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(field)) throw new TemplateError(`template ${JSON.stringify(text)}: bad field path ${JSON.stringify(field)}`);
      let inner: Segment[] = [{ kind: 'any' }];
      if (peek() === '=') {
        next();
        inner = parseSegments(peek, next, true);
      }
      if (next() !== '}') throw new TemplateError(`template ${JSON.stringify(text)}: unclosed variable`);
      return { kind: 'var', field, inner };
    }
    let lit = '';
    while (peek() !== undefined && peek() !== '/' && peek() !== '}' && peek() !== '{') lit += next();
    if (lit === '*') return { kind: 'any' };
    if (lit === '**') return { kind: 'rest' };
    if (lit === '') throw new TemplateError(`template ${JSON.stringify(text)}: empty segment`);
    return { kind: 'literal', value: lit };
  }
}

/**
 * Matches path components (already split on "/" and percent-decoded) against a template; returns
 * the variables' values by field path, or undefined.
 */
export function matchTemplate(t: PathTemplate, components: readonly string[], verb?: string): Map<string, string> | undefined {
  if ((t.verb ?? '') !== (verb ?? '')) return undefined;
  const vars = new Map<string, string>();
  let i = 0;
  const matchOne = (s: Segment): string[] | undefined => {
    switch (s.kind) {
      case 'literal':
        return components[i] === s.value ? [components[i++]] : undefined;
      case 'any':
        return i < components.length ? [components[i++]] : undefined;
      case 'rest': {
        if (i >= components.length) return undefined;
        const taken = components.slice(i);
        i = components.length;
        return taken;
      }
      case 'var': {
        const taken: string[] = [];
        for (const inner of s.inner) {
          const got = matchOne(inner);
          if (!got) return undefined;
          taken.push(...got);
        }
        vars.set(s.field, taken.join('/'));
        return taken;
      }
    }
  };
  for (const s of t.segments) if (!matchOne(s)) return undefined;
  return i === components.length ? vars : undefined;
}

/** The routes of one method's google.api.http rule (and its additional bindings); [] without one. */
export function routesOf(method: DescMethod): Route[] {
  const ext = protoRegistry().getExtension('google.api.http');
  if (!ext || !hasOption(method, ext)) return [];
  const rule = getOption(method, ext) as HttpRuleLike;
  const grpcPath = `/${method.parent.typeName}/${method.name}`;
  const out: Route[] = [];
  const add = (r: HttpRuleLike) => {
    const p = r.pattern;
    if (!p || p.case === undefined) return;
    const [httpMethod, text] = p.case === 'custom' ? [p.value.kind.toUpperCase(), p.value.path] : [p.case.toUpperCase(), p.value as string];
    out.push({ httpMethod, template: parseTemplate(text), body: r.body ?? '', grpcPath, method });
  };
  add(rule);
  for (const b of rule.additionalBindings ?? []) add(b);
  return out;
}

/** The parts of google.api.HttpRule read here (a message of the descriptor registry). */
interface HttpRuleLike {
  pattern?: { case: 'get' | 'put' | 'post' | 'delete' | 'patch'; value: string } | { case: 'custom'; value: { kind: string; path: string } } | { case: undefined };
  body?: string;
  additionalBindings?: HttpRuleLike[];
}

/** Splits a URL path into components, percent-decoding each (a "%2F" stays inside its component). */
export function splitPath(path: string): string[] | undefined {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  try {
    return trimmed.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** Routes in order; the first whose method and template match wins. */
export class RouteTable {
  constructor(readonly routes: readonly Route[]) {}

  /**
   * The route for a request: `{route, params}`; `{methodNotAllowed: true}` when only another
   * HTTP method matches the path; undefined when nothing does.
   */
  match(httpMethod: string, path: string): { route: Route; params: Map<string, string> } | { methodNotAllowed: true } | undefined {
    const components = splitPath(path);
    if (!components) return undefined;
    // a verb is a ":" suffix of the last component
    const last = components[components.length - 1] ?? '';
    const colon = last.lastIndexOf(':');
    let otherMethod = false;
    for (const route of this.routes) {
      let params = matchTemplate(route.template, components);
      if (!params && colon > 0 && route.template.verb) {
        params = matchTemplate(route.template, [...components.slice(0, -1), last.slice(0, colon)], last.slice(colon + 1));
      }
      if (!params) continue;
      if (route.httpMethod === httpMethod) return { route, params };
      otherMethod = true;
    }
    return otherMethod ? { methodNotAllowed: true } : undefined;
  }
}
