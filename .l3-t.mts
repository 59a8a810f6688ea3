import { componentDoc, postFieldDocs, qaFieldDocs } from './src/lib/component-docs.ts';
console.log(JSON.stringify(componentDoc('src/components/Cite.astro'), null, 1).slice(0, 800));
console.log(JSON.stringify(componentDoc('src/islands/Playground.astro').props.map(p=>p.name)));
console.log(postFieldDocs().map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.doc}`).join('\n'));
const q = qaFieldDocs(); console.log(JSON.stringify(q.common), q.kinds.map(k => `${k.kind}: ${k.doc} [${k.fields.map(f=>f.name).join(',')}]`).join('\n'));
