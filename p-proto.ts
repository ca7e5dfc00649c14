import Database from 'better-sqlite3';
const db = new Database('/tmp/h22proto/p.sqlite');
db.exec(`DROP TABLE IF EXISTS f; DROP TABLE IF EXISTS s; CREATE TABLE f (location_id TEXT NOT NULL, order_id TEXT NOT NULL, submitted_ms INTEGER NOT NULL, ready_ms INTEGER, status TEXT NOT NULL, amount INTEGER, currency TEXT, PRIMARY KEY(location_id, order_id)) STRICT;
CREATE INDEX f_t ON f(location_id, submitted_ms);
CREATE TABLE s (location_id TEXT NOT NULL, order_id TEXT NOT NULL, station TEXT NOT NULL, submitted_ms INTEGER NOT NULL, items INTEGER NOT NULL, own_ready_ms INTEGER, order_ready_ms INTEGER, status TEXT NOT NULL, PRIMARY KEY(location_id, order_id, station)) STRICT;
CREATE INDEX s_t ON s(location_id, submitted_ms);`);
const start = Date.UTC(2026,0,1);
const ins = db.prepare('INSERT INTO f VALUES (?,?,?,?,?,?,?)');
const ins2 = db.prepare('INSERT INTO s VALUES (?,?,?,?,?,?,?,?)');
db.transaction(() => { for (let i=0;i<100000;i++){ const t = start + Math.floor(i*90*86400000/100000); const r = t + 60000 + Math.floor(Math.random()*1200000);
 const st = i%20===0?'cancelled':'completed';
 ins.run('default','ord_'+i,t,r,st,1000+i%5000,'EUR'); ins2.run('default','ord_'+i,'kitchen',t,3,null,r,st); if(i%2) ins2.run('default','ord_'+i,'bar',t,1,r-30000,r,st);} })();
db.exec('ANALYZE');
const off = 3600000; const base = start; const from=start-off, to=start+91*86400000-off;
const local = `(submitted_ms + ${off} - ${base})`;
const q = {
 counts: `SELECT ${local}/86400000 AS d, ${local}%86400000/3600000 AS h, COUNT(*) n, SUM(status='completed') c, SUM(status='cancelled') x, SUM(status!='cancelled' AND ready_ms-submitted_ms > 900000) late FROM f WHERE location_id='default' AND submitted_ms>=${from} AND submitted_ms<${to} GROUP BY d, h`,
 rev: `SELECT ${local}/86400000 AS d, currency, SUM(amount) FROM f WHERE location_id='default' AND submitted_ms>=${from} AND submitted_ms<${to} AND status!='cancelled' AND currency IS NOT NULL GROUP BY d, currency`,
 pday: `WITH v AS (SELECT ${local}/86400000 AS d, ready_ms-submitted_ms AS v FROM f WHERE location_id='default' AND submitted_ms>=${from} AND submitted_ms<${to} AND status!='cancelled' AND ready_ms IS NOT NULL),
  r AS (SELECT d, v, ROW_NUMBER() OVER (PARTITION BY d ORDER BY v) rn, COUNT(*) OVER (PARTITION BY d) n FROM v)
  SELECT d, rn, n, v FROM r WHERE rn = (n*50+99)/100 OR rn=(n*90+99)/100 OR rn=n`,
 phour: `WITH v AS (SELECT ${local}/86400000 AS d, ${local}%86400000/3600000 AS h, ready_ms-submitted_ms AS v FROM f WHERE location_id='default' AND submitted_ms>=${from} AND submitted_ms<${to} AND status!='cancelled' AND ready_ms IS NOT NULL),
  r AS (SELECT d, h, v, ROW_NUMBER() OVER (PARTITION BY d, h ORDER BY v) rn, COUNT(*) OVER (PARTITION BY d, h) n FROM v)
  SELECT d, h, rn, n, v FROM r WHERE rn = (n*50+99)/100`,
 ptot: `WITH v AS (SELECT ready_ms-submitted_ms AS v FROM f WHERE location_id='default' AND submitted_ms>=${from} AND submitted_ms<${to} AND status!='cancelled' AND ready_ms IS NOT NULL),
  r AS (SELECT v, ROW_NUMBER() OVER (ORDER BY v) rn, COUNT(*) OVER () n FROM v)
  SELECT rn, n, v FROM r WHERE rn = (n*50+99)/100 OR rn=(n*90+99)/100 OR rn=n`,
 st: `SELECT ${local}/86400000 AS d, station, SUM(items) FROM s WHERE location_id='default' AND submitted_ms>=${from} AND submitted_ms<${to} AND status!='cancelled' GROUP BY d, station`,
 pst: `WITH v AS (SELECT ${local}/86400000 AS d, station, COALESCE(own_ready_ms, order_ready_ms)-submitted_ms AS v FROM s WHERE location_id='default' AND submitted_ms>=${from} AND submitted_ms<${to} AND status!='cancelled' AND COALESCE(own_ready_ms, order_ready_ms) IS NOT NULL),
  r AS (SELECT d, station, v, ROW_NUMBER() OVER (PARTITION BY d, station ORDER BY v) rn, COUNT(*) OVER (PARTITION BY d, station) n FROM v)
  SELECT d, station, rn, n, v FROM r WHERE rn = (n*50+99)/100 OR rn=(n*90+99)/100`,
};
for (let k=0;k<3;k++){ const out:string[]=[]; let tot=0;
 for (const [name, sql] of Object.entries(q)) { const t0=performance.now(); const rows=db.prepare(sql).all(); const dt=performance.now()-t0; tot+=dt; out.push(`${name}:${rows.length}:${dt.toFixed(0)}`); }
 console.log(out.join(' '), 'total', tot.toFixed(0)); }
