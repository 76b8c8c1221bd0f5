const t0=Date.now();
(async()=>{
const { PGlite } = await import('@electric-sql/pglite');
const a = await PGlite.create('memory://'); console.log('create1', Date.now()-t0);
const t1=Date.now(); const b = await PGlite.create('memory://'); console.log('create2', Date.now()-t1);
const t2=Date.now(); const dump = await a.dumpDataDir('none'); console.log('dump', Date.now()-t2, dump.size);
const t3=Date.now(); const c = await PGlite.create('memory://', {loadDataDir: dump}); console.log('load', Date.now()-t3);
})();
