/**
 * Browser (Vite) side effect: registers TF.js's gradient functions, needed to train in the
 * page. Node code imports `./gradients.node.ts` instead (see there for why).
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
