() => {
  const ctx = document.createElement("canvas").getContext("2d");
  const out = [];
  for (const cell of document.querySelectorAll("article td, article th")) {
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      ctx.font = getComputedStyle(node.parentElement).font;
      for (const piece of node.data.split(/[\s\u00ad]+|(?<=[-–—\/])/)) {
        const width = ctx.measureText(piece).width;
        if (piece && width > room + 0.5) out.push(`${piece} (${Math.round(width)} > ${Math.round(room)})`);
      }
    }
  }
  return out;
}
