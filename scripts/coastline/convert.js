#!/usr/bin/env node
// Build-time only: converts Natural Earth land polygons from the world-atlas TopoJSON
// (npm package world-atlas@2) into the compact binary the report renderer embeds.
//
// Output (little-endian):
//   "SWCL" u32 version=1
//   f64 scale_lon, scale_lat, translate_lon, translate_lat   (TopoJSON quantization)
//   u32 ring_count
//   per ring: u32 points, u32 bytes, i32 min_x, min_y, max_x, max_y (quantized),
//             then `bytes` bytes of zigzag varints: x0, y0, dx1, dy1, ...
// Rings are outer rings and holes alike (the renderer fills with the even-odd rule).
// Usage: node convert.js land-10m.json out.swcl
'use strict';
const fs = require('fs');

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node convert.js land-10m.json out.swcl');
  process.exit(2);
}
const topo = JSON.parse(fs.readFileSync(input, 'utf8'));
const { scale, translate } = topo.transform;

// Absolute quantized coordinates of every arc.
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => [(x += dx), (y += dy)]);
});

function ringPoints(arcIndices) {
  const pts = [];
  for (const index of arcIndices) {
    const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
    for (let i = pts.length ? 1 : 0; i < arc.length; i++) pts.push(arc[i]);
  }
  return pts;
}

const rings = [];
function addPolygon(polygon) {
  for (const ring of polygon) {
    const pts = ringPoints(ring);
    if (pts.length >= 4) rings.push(pts);
  }
}
function addGeometry(g) {
  if (g.type === 'GeometryCollection') g.geometries.forEach(addGeometry);
  else if (g.type === 'Polygon') addPolygon(g.arcs);
  else if (g.type === 'MultiPolygon') g.arcs.forEach(addPolygon);
}
for (const name of Object.keys(topo.objects)) addGeometry(topo.objects[name]);

function varint(out, v) {
  let z = v >= 0 ? v * 2 : -v * 2 - 1;  // zigzag
  while (z >= 0x80) {
    out.push((z & 0x7f) | 0x80);
    z = Math.floor(z / 128);
  }
  out.push(z);
}

const chunks = [];
const header = Buffer.alloc(8 + 32 + 4);
header.write('SWCL', 0, 'ascii');
header.writeUInt32LE(1, 4);
header.writeDoubleLE(scale[0], 8);
header.writeDoubleLE(scale[1], 16);
header.writeDoubleLE(translate[0], 24);
header.writeDoubleLE(translate[1], 32);
header.writeUInt32LE(rings.length, 40);
chunks.push(header);
let points = 0;
for (const pts of rings) {
  const bytes = [];
  let px = 0, py = 0, minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of pts) {
    varint(bytes, x - px);
    varint(bytes, y - py);
    px = x; py = y;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const h = Buffer.alloc(24);
  h.writeUInt32LE(pts.length, 0);
  h.writeUInt32LE(bytes.length, 4);
  h.writeInt32LE(minX, 8); h.writeInt32LE(minY, 12); h.writeInt32LE(maxX, 16); h.writeInt32LE(maxY, 20);
  chunks.push(h, Buffer.from(bytes));
  points += pts.length;
}
fs.writeFileSync(output, Buffer.concat(chunks));
console.log(`coastline: ${rings.length} rings, ${points} points -> ${output}`);
