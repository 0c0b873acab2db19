// Drives one MCP server with the official TypeScript SDK client, following a JSON plan read from stdin.
//
// Plan: {"transport": {"stdio": {"command", "args", "env"}} | {"http": {"url", "headers"}},
//        "steps": [{"op": "listTools"},
//                  {"op": "callTool", "name", "arguments", "timeoutMs"?},
//                  {"op": "cancelCall", "name", "arguments", "afterMs"},   // aborted through an AbortSignal
//                  {"op": "waitListChanged", "timeoutMs"},                 // a tools/list_changed since the last wait
//                  {"op": "sleep", "ms"}]}
// Every step may carry a "label", echoed back.
// Output (stdout, one JSON document): {"sdkVersion", "server", "protocolVersion", "steps": [...]}, each step
// {"op", "label", "startedAt", "endedAt" (epoch ms), and "ok": <result> or "threw": {"name", "message", "code", "data"}}.
// A failed connect prints {"connect": {"threw": ...}, "steps": []} and exits with status 2.
//
// The Client caches each tool's outputSchema from listTools and validates every structuredContent against it in
// callTool (throwing McpError -32602 when it does not match): plans list the tools before calling them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const require = createRequire(import.meta.url);

function sdkVersion() {
  const main = require.resolve('@modelcontextprotocol/sdk/client/index.js'); // .../sdk/dist/cjs/client/index.js
  const root = main.slice(0, main.lastIndexOf('/dist/'));
  return JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version;
}

function describeError(error) {
  if (!(error instanceof Error)) {
    return { name: typeof error, message: String(error), code: null, data: null };
  }
  return {
    name: error.name,
    message: error.message,
    code: error.code ?? null,
    data: error.data ?? null,
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// tools/list_changed notifications as they arrive; waitListChanged consumes them.
const listChanged = { received: [], consumed: 0, wake: null };

function makeTransport(spec) {
  if (spec.stdio) {
    return new StdioClientTransport({
      command: spec.stdio.command,
      args: spec.stdio.args ?? [],
      env: spec.stdio.env,
      stderr: 'inherit',
    });
  }
  if (spec.http) {
    return new StreamableHTTPClientTransport(new URL(spec.http.url), {
      requestInit: { headers: spec.http.headers ?? {} },
    });
  }
  throw new Error(`unknown transport ${JSON.stringify(Object.keys(spec))}`);
}

async function runStep(client, step) {
  switch (step.op) {
    case 'listTools':
      return client.listTools();
    case 'callTool': {
      const options = step.timeoutMs ? { timeout: step.timeoutMs } : undefined;
      return client.callTool({ name: step.name, arguments: step.arguments ?? {} }, undefined, options);
    }
    case 'cancelCall': {
      const controller = new AbortController();
      const call = client.callTool({ name: step.name, arguments: step.arguments ?? {} }, undefined, {
        signal: controller.signal,
      });
      await Promise.race([call.catch(() => undefined), sleep(step.afterMs ?? 1000)]);
      step.abortedAt = Date.now();
      controller.abort(new Error('aborted by the plan'));
      return call; // resolves if the call finished before the abort
    }
    case 'waitListChanged': {
      const deadline = Date.now() + (step.timeoutMs ?? 10000);
      while (listChanged.received.length <= listChanged.consumed) {
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(`no notifications/tools/list_changed within ${step.timeoutMs ?? 10000} ms`);
        }
        await new Promise((resolve) => {
          listChanged.wake = resolve;
          setTimeout(resolve, left);
        });
      }
      const at = listChanged.received.slice(listChanged.consumed);
      listChanged.consumed = listChanged.received.length;
      return { notifications: at.length, at };
    }
    case 'sleep':
      await sleep(step.ms ?? 0);
      return {};
    default:
      throw new Error(`unknown step ${JSON.stringify(step.op)}`);
  }
}

async function main() {
  const plan = JSON.parse(readFileSync(0, 'utf8'));
  const output = { sdkVersion: sdkVersion(), steps: [] };
  const client = new Client({ name: 'zava-conformance-ts', version: output.sdkVersion }, { capabilities: {} });
  // Registered before connecting, so no notification can arrive unheard.
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    listChanged.received.push(Date.now());
    listChanged.wake?.();
  });
  const transport = makeTransport(plan.transport);
  // The Client tells the transport the negotiated protocol version (HTTP sends it as a header); note it too.
  const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
  transport.setProtocolVersion = (version) => {
    output.protocolVersion = version;
    setProtocolVersion?.(version);
  };
  try {
    await client.connect(transport);
  } catch (error) {
    output.connect = { threw: describeError(error) };
    await transport.close().catch(() => undefined);
    process.stdout.write(JSON.stringify(output));
    return 2;
  }
  output.server = client.getServerVersion() ?? null;
  for (const step of plan.steps ?? []) {
    const record = { op: step.op, label: step.label ?? null, startedAt: Date.now() };
    try {
      record.ok = await runStep(client, step);
    } catch (error) {
      record.threw = describeError(error);
    }
    record.endedAt = Date.now();
    if (step.abortedAt) {
      record.abortedAt = step.abortedAt;
    }
    output.steps.push(record);
  }
  if (transport.terminateSession) {
    await transport.terminateSession().catch(() => undefined);
  }
  await client.close().catch(() => undefined);
  process.stdout.write(JSON.stringify(output));
  return 0;
}

main().then(
  (status) => process.stdout.write('\n', () => process.exit(status)),
  (error) => {
    process.stderr.write(`client.mjs failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
