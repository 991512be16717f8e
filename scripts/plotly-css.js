// Prints the global CSS rules that plotly.js would inject inline (see plotly-basic-*.css), newest first.
const fs = require("fs");
const src = fs.readFileSync(process.argv[2], "utf8");
const start = src.indexOf('pM={"X,X div"') + 3;
const end = src.indexOf(';for(Ng in pM)', start);
const rules = eval("(" + src.slice(start, end) + ")");
let out = "";
for (const key in rules) {
  const selector = key.replace(/^,/, " ,").replace(/X/g, ".js-plotly-plot .plotly").replace(/Y/g, ".plotly-notifier");
  out += selector + "{" + rules[key] + "}\n";
}
process.stdout.write(out.trim().split("\n").reverse().join("\n") + "\n");
