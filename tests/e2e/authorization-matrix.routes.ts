import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { PrincipalRole } from '@whistle/auth';
import { ALLOWED_ROLES, IS_PUBLIC } from '@whistle/http';
import type { EmbeddedSystem } from '../../services/embedded/src/embedded-system';

/*
 * What the role × path matrix reads of the running app: its route table with each route's rule,
 * the routes the express router serves around it, and the API document's request schemas.
 */

export interface Route {
  readonly method: string;
  readonly path: string;
  readonly handler: string;
  /** undefined: no @Roles anywhere on the handler or its controller */
  readonly roles: readonly PrincipalRole[] | undefined;
  readonly isPublic: boolean;
}

const METHODS: Readonly<Record<number, string>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.DELETE]: 'DELETE',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.ALL]: 'ALL',
  [RequestMethod.OPTIONS]: 'OPTIONS',
  [RequestMethod.HEAD]: 'HEAD',
};

const joinPath = (...parts: string[]): string => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '').join('/')}`;
const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [''] : Array.isArray(value) ? value : [value]);

/** Every route of every controller Nest registered, with its rule read as the guard reads it (handler first, then controller). */
export function routeTable(system: EmbeddedSystem): Route[] {
  const reflector = new Reflector();
  const routes = new Map<string, Route>();
  for (const module of system.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || paths === undefined) continue;
        const targets = [handler as () => unknown, controller];
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined)) {
          for (const path of asList(paths)) {
            const route: Route = {
              method: METHODS[method] ?? String(method),
              path: joinPath(base, path),
              handler: `${controller.name}.${name}`,
              roles: reflector.getAllAndOverride<PrincipalRole[] | undefined>(ALLOWED_ROLES, targets),
              isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
            };
            routes.set(`${route.method} ${route.path}`, route);
          }
        }
      }
    }
  }
  return [...routes.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The routes the express router itself would serve, as `METHOD /path`: Nest's and any added around it. */
export function expressRoutes(system: EmbeddedSystem): string[] {
  const express = system.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]).map((m) => `${m === '_all' ? 'ALL' : m.toUpperCase()} ${layer.route?.path}`) : [],
  );
}
interface Layer {
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
}

/** The OpenAPI document and its UI, which Swagger serves on the express router itself. */
export const API_DOCUMENT = /^GET \/api\/docs(?:-json|-yaml|\/.*)?$/;

type Schema = Record<string, unknown> & { $ref?: string; example?: unknown; enum?: unknown[]; type?: string; format?: string; required?: string[]; properties?: Record<string, Schema>; items?: Schema };
interface Operation {
  readonly requestBody?: { content?: Record<string, { schema?: Schema }> };
  readonly parameters?: readonly { readonly name: string; readonly in: string }[];
}
export interface ApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: { schemas?: Record<string, Schema> };
}

export const operationOf = (document: ApiDocument, route: Route): Operation | undefined => document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];

/** The scope claims of the body the document describes, required or not. */
export function bodyMembers(document: ApiDocument, route: Route): string[] {
  let schema = operationOf(document, route)?.requestBody?.content?.['application/json']?.schema;
  if (schema?.$ref) schema = document.components?.schemas?.[schema.$ref.split('/').at(-1) ?? ''];
  return Object.keys(schema?.properties ?? {});
}

export function exampleOf(document: ApiDocument, schema: Schema, depth: number): unknown {
  if (schema.$ref) return exampleOf(document, document.components?.schemas?.[schema.$ref.split('/').at(-1) ?? ''] ?? {}, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  const allOf = schema['allOf'] as Schema[] | undefined;
  if (allOf?.length) return exampleOf(document, allOf[0] as Schema, depth + 1);
  switch (schema.type) {
    case 'object': {
      if (depth > 5) return {};
      const required = new Set(schema.required ?? []);
      return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => required.has(name)).map(([name, member]) => [name, exampleOf(document, member, depth + 1)]));
    }
    case 'array':
      return Array.from({ length: Math.max(1, Number(schema['minItems'] ?? 1)) }, () => exampleOf(document, schema.items ?? {}, depth + 1));
    case 'integer':
    case 'number':
      return Number(schema['minimum'] ?? 1);
    case 'boolean':
      return true;
    default:
      return schema.format === 'date-time' ? new Date(Date.now() + 86_400_000).toISOString() : 'x'.repeat(Math.max(1, Number(schema['minLength'] ?? 8)));
  }
}
