// Load a GraphML or GEXF file with graphology (the graph library behind Sigma.js) and print what it
// read as JSON: node and edge counts and every attribute name, so the test can compare with networkx.
const fs = require('fs');
const {MultiDirectedGraph} = require('graphology');
const readers = {graphml: require('graphology-graphml'), gexf: require('graphology-gexf')};
const [format, file] = process.argv.slice(2);
const graph = readers[format].parse(MultiDirectedGraph, fs.readFileSync(file, 'utf8'));
const nodeAttributes = new Set();
const edgeAttributes = new Set();
graph.forEachNode((_, attributes) => Object.keys(attributes).forEach(k => nodeAttributes.add(k)));
graph.forEachEdge((_, attributes) => Object.keys(attributes).forEach(k => edgeAttributes.add(k)));
const edgeKeys = [];
graph.forEachEdge((_, attributes) => edgeKeys.push(attributes.edgekey));
console.log(JSON.stringify({
  nodes: graph.order, edges: graph.size,
  nodeAttributes: [...nodeAttributes].sort(), edgeAttributes: [...edgeAttributes].sort(),
  edgeKeys, scores: graph.mapEdges((_, a) => a.score),
}));
