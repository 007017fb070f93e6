import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";

/*
 * Compiled MDX is a function body that expects React in scope. mdx-bundler's own client
 * evaluates it with `new Function`, which our Content-Security-Policy forbids. Instead the
 * server serves each compiled file as a same-origin script, /content-code/<id>.js, which
 * registers a factory here (docs/decisions/005-mdx-without-eval.md). The server registers
 * the same factories in its own process.
 */
type MdxFactory = (
  react: typeof React,
  reactDom: typeof ReactDOM,
  jsx: typeof jsxRuntime,
) => { default: React.ComponentType<{ components?: Record<string, React.ComponentType<never>> }> };

declare global {
  var __practicaMdx: Record<string, MdxFactory> | undefined;
}

const components = new Map<string, ReturnType<MdxFactory>["default"]>();

export function getMdxComponent(codeId: string) {
  const cached = components.get(codeId);
  if (cached) return cached;
  const factory = globalThis.__practicaMdx?.[codeId];
  if (!factory) return undefined;
  const component = factory(React, ReactDOM, jsxRuntime).default;
  components.set(codeId, component);
  return component;
}

export function mdxScriptUrl(codeId: string): string {
  return `/content-code/${codeId}.js`;
}

/** For client-side navigations: loads a lesson's script before the page renders. */
export function loadMdxScript(codeId: string): Promise<void> {
  if (globalThis.__practicaMdx?.[codeId]) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = mdxScriptUrl(codeId);
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${script.src}`));
    document.head.append(script);
  });
}
