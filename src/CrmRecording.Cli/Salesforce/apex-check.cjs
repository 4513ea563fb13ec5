// Parses each Apex file with @apexdevtools/apex-parser and prints one line per syntax error:
// FILE<TAB>LINE<TAB>COLUMN<TAB>MESSAGE. The parser itself reports errors but never fails, so the caller counts lines.
// Usage: node apex-check.cjs TOOLS_FOLDER FILE...
const { createRequire } = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const [toolsFolder, ...files] = process.argv.slice(2);
const load = createRequire(path.join(path.resolve(toolsFolder), 'package.json'));
const { ApexParserFactory, ApexErrorListener } = load('@apexdevtools/apex-parser');

class Collect extends ApexErrorListener {
  constructor(file) { super(); this.file = file; }
  apexSyntaxError(line, column, message) {
    process.stdout.write(`${this.file}\t${line}\t${column}\t${String(message).replace(/\s+/g, ' ')}\n`);
  }
}

for (const file of files) {
  const { parser } = ApexParserFactory.createLexerAndParser(fs.readFileSync(file, 'utf8'), new Collect(file));
  if (file.endsWith('.trigger')) parser.triggerUnit(); else parser.compilationUnit();
}
