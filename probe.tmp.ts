import fs from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { decodeEscPos } from './agent/printing/escpos-decoder.js';
import { renderKitchenTicket } from './agent/printing/ticket-renderer.js';
import { kitchenOrder, printerSettings, FIXED_NOW, UTC } from './agent/printing/test-fixtures.js';
const order = kitchenOrder({ customer: { name: 'Łukasz' }, notes: 'مرحبا — שלום', items: ['Łukasz','Привет','Ελληνικά','שלום','مرحبا','สวัสดี','你好','नमस्ते दुनिया','2 x مرحبا بالعالم الطويل جدا جدا جدا جدا'].map((name)=>({name, qty:1, station:'kitchen', modifiers:['extra '+name]})) });
const bytes = renderKitchenTicket(order, {jobId:'job-1', station:'kitchen'}, printerSettings({}), FIXED_NOW, UTC);
const d = decodeEscPos(bytes, { imageLines: true });
console.log(bytes.length, d.lines.map(l=>l.image?`[img ${l.image.widthBytes*8}x${l.image.height}]`:l.text).join('\n'));
let h=0; for (const l of d.lines) h += l.image ? l.image.height : 30;
const c=createCanvas(576,h); const ctx=c.getContext('2d'); ctx.fillStyle='#fff'; ctx.fillRect(0,0,576,h); ctx.fillStyle='#000'; ctx.font='20px monospace';
let y=0; for (const l of d.lines) { if (l.image) { const im=ctx.createImageData(l.image.widthBytes*8,l.image.height); for(let yy=0;yy<l.image.height;yy++) for(let x=0;x<l.image.widthBytes*8;x++){const on=(l.image.bits[yy*l.image.widthBytes+(x>>3)]!&(0x80>>(x&7)))!==0; const i=(yy*l.image.widthBytes*8+x)*4; im.data[i]=im.data[i+1]=im.data[i+2]=on?0:255; im.data[i+3]=255;} ctx.putImageData(im,0,y); y+=l.image.height;} else { ctx.fillText(l.text,0,y+22); y+=30; } }
fs.writeFileSync('/tmp/h21probe/ticket.png', c.toBuffer('image/png'));
