// Counts the WebAssembly memories created in this global (page or worker): the JS heap figures
// do not include them. Loaded first in the harness page, and put in front of Pagefind's worker.
(() => {
  const memories = [];
  const note = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
    if (instance) {
      for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory) memories.push(v);
    }
    return result;
  };
  const inst = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...args) { return inst.apply(this, args).then(note); };
  const stream = WebAssembly.instantiateStreaming;
  if (stream) WebAssembly.instantiateStreaming = function (...args) { return stream.apply(this, args).then(note); };
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Instance, { construct(target, args) { return note(Reflect.construct(target, args)); } });
  self.__wasmBytes = () => memories.reduce((n, m) => n + m.buffer.byteLength, 0);
})();
