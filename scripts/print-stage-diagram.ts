// Prints the mermaid stage diagram rendered from the transition table, for pasting into the README.
import { renderStageDiagram } from '../libs/domain/src/stage-model';

process.stdout.write(`${renderStageDiagram()}\n`);
