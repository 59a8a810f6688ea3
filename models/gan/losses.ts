/**
 * GAN losses, written on the discriminator's raw outputs ("logits", any real number), each
 * averaged over the batch and returned as a scalar to minimise.
 *
 * For the sigmoid-cross-entropy family D(x) = σ(logit), and we use the stable identities
 * log σ(l) = -softplus(-l) and log(1 - σ(l)) = -softplus(l).
 */
import * as tf from '@tensorflow/tfjs-core';

/** A matched pair of losses: what the discriminator and the generator each minimise. */
export interface GanLoss {
  /** Name used by the trainer and the model card. */
  readonly name: string;
  /**
   * @param realLogits [batch, 1] discriminator outputs on data
   * @param fakeLogits [batch, 1] discriminator outputs on generated samples
   */
  discriminator(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar;
  /** @param fakeLogits [batch, 1] discriminator outputs on generated samples */
  generator(fakeLogits: tf.Tensor): tf.Scalar;
}

// #region minimax-losses
/**
 * Discriminator loss of the original minimax game (Goodfellow et al. 2014, eq. 1):
 * maximise E[log D(x)] + E[log(1 - D(G(z)))], i.e. minimise
 *   E[softplus(-l_real)] + E[softplus(l_fake)].
 * @param realLabel target for real data: 1, or e.g. 0.9 for one-sided label smoothing
 *   (Salimans et al. 2016), which turns the first term into a cross-entropy with that target.
 */
export function minimaxDiscriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor, realLabel = 1): tf.Scalar {
  return tf.tidy(() => {
    const realTerm =
      realLabel === 1
        ? tf.softplus(tf.neg(realLogits))
        : tf.add(tf.mul(realLabel, tf.softplus(tf.neg(realLogits))), tf.mul(1 - realLabel, tf.softplus(realLogits)));
    return tf.add(tf.mean(realTerm), tf.mean(tf.softplus(fakeLogits))) as tf.Scalar;
  });
}

/**
 * Generator loss of the original minimax game ("saturating"): minimise E[log(1 - D(G(z)))]
 *   = -E[softplus(l_fake)].
 * Its gradient vanishes when D confidently rejects the samples, i.e. early in training.
 */
export function saturatingGeneratorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.softplus(fakeLogits))) as tf.Scalar);
}

/**
 * Non-saturating generator loss (Goodfellow et al. 2014, section 3): maximise E[log D(G(z))]
 * instead, i.e. minimise E[softplus(-l_fake)]. Same fixed point, strong gradients early on.
 */
export function nonSaturatingGeneratorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(tf.neg(fakeLogits))) as tf.Scalar);
}
// #endregion minimax-losses

// #region least-squares-losses
/**
 * Least-squares GAN (Mao et al. 2017, eq. 2 with a = 0, b = 1, c = 1), D linear:
 *   L_D = ½ E[(D(x) - 1)²] + ½ E[D(G(z))²]
 */
export function leastSquaresDiscriminatorLoss(realOut: tf.Tensor, fakeOut: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mul(0.5, tf.add(tf.mean(tf.square(tf.sub(realOut, 1))), tf.mean(tf.square(fakeOut)))) as tf.Scalar);
}

/** Least-squares generator loss: L_G = ½ E[(D(G(z)) - 1)²]. */
export function leastSquaresGeneratorLoss(fakeOut: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mul(0.5, tf.mean(tf.square(tf.sub(fakeOut, 1)))) as tf.Scalar);
}
// #endregion least-squares-losses

// #region hinge-losses
/**
 * Hinge loss (Lim & Ye 2017; Miyato et al. 2018):
 *   L_D = E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))]
 */
export function hingeDiscriminatorLoss(realOut: tf.Tensor, fakeOut: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.add(tf.mean(tf.relu(tf.sub(1, realOut))), tf.mean(tf.relu(tf.add(1, fakeOut)))) as tf.Scalar);
}

/** Hinge generator loss: L_G = -E[D(G(z))]. */
export function hingeGeneratorLoss(fakeOut: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(fakeOut)) as tf.Scalar);
}
// #endregion hinge-losses

// #region wasserstein-losses
/**
 * Wasserstein critic loss (Arjovsky et al. 2017, Algorithm 1): the critic f maximises
 * E[f(x)] - E[f(G(z))], i.e. minimises E[f(G(z))] - E[f(x)]. Needs a Lipschitz constraint:
 * `clipWeights` (weight clipping) or `gradientPenalty` (WGAN-GP).
 */
export function wassersteinCriticLoss(realOut: tf.Tensor, fakeOut: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sub(tf.mean(fakeOut), tf.mean(realOut)) as tf.Scalar);
}

/** Wasserstein generator loss: minimise -E[f(G(z))]. */
export function wassersteinGeneratorLoss(fakeOut: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(fakeOut)) as tf.Scalar);
}

/**
 * Weight clipping (Arjovsky et al. 2017): after each critic update, clamp every critic weight
 * to [-c, c] (they use c = 0.01).
 */
export function clipWeights(weights: readonly tf.Variable[], c = 0.01): void {
  for (const w of weights) {
    tf.tidy(() => w.assign(tf.clipByValue(w, -c, c)));
  }
}

/**
 * Gradient penalty (Gulrajani et al. 2017, Algorithm 1):
 *   λ · E[(‖∇_x̂ f(x̂)‖₂ - 1)²],  x̂ = ε·x + (1 - ε)·x̃,  ε ~ U[0, 1] per example.
 * @param critic f, mapping [batch, ...] to [batch, 1]
 * @param real [batch, ...] data
 * @param fake [batch, ...] generated samples (same shape)
 * @param epsilon [batch] interpolation weights in [0, 1]
 * @param lambda penalty weight (10 in the paper)
 */
export function gradientPenalty(
  critic: (x: tf.Tensor) => tf.Tensor,
  real: tf.Tensor,
  fake: tf.Tensor,
  epsilon: tf.Tensor1D,
  lambda = 10,
): tf.Scalar {
  return tf.tidy(() => {
    const shape = [real.shape[0] ?? 0, ...real.shape.slice(1).map(() => 1)];
    const eps = tf.reshape(epsilon, shape);
    const interpolated = tf.add(tf.mul(eps, real), tf.mul(tf.sub(1, eps), fake));
    const grad = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(interpolated);
    const axes = grad.shape.slice(1).map((_, i) => i + 1);
    // The small constant keeps the gradient of the norm finite at 0.
    const norm = tf.sqrt(tf.add(tf.sum(tf.square(grad), axes), 1e-12));
    return tf.mul(lambda, tf.mean(tf.square(tf.sub(norm, 1)))) as tf.Scalar;
  });
}
// #endregion wasserstein-losses

export type LossName = 'minimax' | 'non-saturating' | 'least-squares' | 'hinge' | 'wasserstein' | 'wasserstein-gp';

/**
 * The loss pairs by name. `wasserstein` and `wasserstein-gp` share the critic/generator losses;
 * the train step adds clipping or the gradient penalty.
 * @param realLabel one-sided label smoothing for the cross-entropy losses (default 1: none)
 */
export function ganLoss(name: LossName, realLabel = 1): GanLoss {
  switch (name) {
    case 'minimax':
      return { name, discriminator: (r, f) => minimaxDiscriminatorLoss(r, f, realLabel), generator: saturatingGeneratorLoss };
    case 'non-saturating':
      return { name, discriminator: (r, f) => minimaxDiscriminatorLoss(r, f, realLabel), generator: nonSaturatingGeneratorLoss };
    case 'least-squares':
      return { name, discriminator: leastSquaresDiscriminatorLoss, generator: leastSquaresGeneratorLoss };
    case 'hinge':
      return { name, discriminator: hingeDiscriminatorLoss, generator: hingeGeneratorLoss };
    case 'wasserstein':
    case 'wasserstein-gp':
      return { name, discriminator: wassersteinCriticLoss, generator: wassersteinGeneratorLoss };
  }
}
