# Reference values for tests/scoring_golden.rs and tests/analysis (R psych).
#
# Data: the `bfi` data set distributed with R psychTools (2,800 respondents,
# 25 six-point items of the IPIP Big Five markers; public domain items).
# We keep the first 300 respondents, which include missing answers.
#
# Run from this folder:  Rscript make_golden.R
# Needs Debian packages r-base-core r-cran-psych r-cran-psychtools r-cran-jsonlite.
suppressPackageStartupMessages({ library(psych); library(psychTools) })
data(bfi, package = "psychTools")
items <- bfi[1:300, 1:25]
keys <- list(
  A = c("-A1", "A2", "A3", "A4", "A5"),
  C = c("C1", "C2", "C3", "-C4", "-C5"),
  E = c("-E1", "-E2", "E3", "E4", "E5"),
  N = c("N1", "N2", "N3", "N4", "N5"),
  O = c("O1", "-O2", "O3", "O4", "-O5")
)
extract <- data.frame(respondent_id = sprintf("bfi%03d", 1:300), items,
                      gender = bfi$gender[1:300], age = bfi$age[1:300])
write.csv(extract, "bfi_extract.csv", row.names = FALSE, na = "", quote = FALSE)

# scoreItems with impute = "none": mean (totals = FALSE) and sum
# (totals = TRUE) of the answered items, reverse keyed as 7 - x.
means <- scoreItems(keys, items, totals = FALSE, impute = "none", min = 1, max = 6)$scores
sums  <- scoreItems(keys, items, totals = TRUE,  impute = "none", min = 1, max = 6)$scores
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
out <- data.frame(respondent_id = extract$respondent_id)
for (s in names(keys)) {
  out[[paste0(s, "_mean")]] <- fmt(means[, s])
  out[[paste0(s, "_sum")]] <- fmt(sums[, s])
}
write.csv(out, "bfi_scoreitems.csv", row.names = FALSE, quote = FALSE)

# Reliability and item statistics (for the analysis golden tests): the
# complete cases of the extract on each scale (listwise deletion).
rel <- list()
for (s in names(keys)) {
  k <- keys[[s]]
  cols <- sub("^-", "", k)
  complete <- na.omit(items[, cols])
  a <- psych::alpha(complete, keys = cols[startsWith(k, "-")], warnings = FALSE)
  rel[[s]] <- list(
    n = nrow(complete),
    raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha,
    average_r = a$total$average_r,
    r_drop = unname(a$item.stats$r.drop),
    alpha_if_dropped = unname(a$alpha.drop$raw_alpha),
    # Guttman's lambda-6 with squared multiple correlations, and Feldt's
    # 95% interval: psych's alpha()$total$`G6(smc)` and alpha()$feldt
    # (alpha.ci(raw_alpha, n.obs, n.var)).
    G6 = a$total$`G6(smc)`,
    feldt_lower = unname(a$feldt$lower.ci[[1]]), feldt_upper = unname(a$feldt$upper.ci[[1]])
  )
}
writeLines(jsonlite::toJSON(rel, digits = NA, auto_unbox = TRUE, pretty = TRUE), "bfi_alpha.json")

# The same with pairwise deletion, psych::alpha's default
# (cov(x, use = "pairwise")), on all 300 rows of the extract.
relp <- list()
for (s in names(keys)) {
  k <- keys[[s]]
  cols <- sub("^-", "", k)
  a <- psych::alpha(items[, cols], keys = cols[startsWith(k, "-")], warnings = FALSE)
  relp[[s]] <- list(
    n = nrow(items), raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha,
    average_r = a$total$average_r, G6 = a$total$`G6(smc)`,
    feldt_lower = unname(a$feldt$lower.ci[[1]]), feldt_upper = unname(a$feldt$upper.ci[[1]]),
    r_drop = unname(a$item.stats$r.drop),
    alpha_if_dropped = unname(a$alpha.drop$raw_alpha),
    mean = unname(a$item.stats$mean), sd = unname(a$item.stats$sd)
  )
}
writeLines(jsonlite::toJSON(relp, digits = NA, auto_unbox = TRUE, pretty = TRUE), "bfi_alpha_pairwise.json")

# DIF by gender on the whole bfi (2,800 respondents; gender 1 = male,
# 2 = female; 2, the larger group, is the reference, as in assess).
# Items keyed as above (reverse: 7 - x).
keyed <- bfi[, 1:25]
for (s in names(keys)) for (k in keys[[s]]) if (startsWith(k, "-")) {
  col <- sub("^-", "", k); keyed[[col]] <- 7 - keyed[[col]]
}
full <- data.frame(respondent_id = sprintf("bfi%04d", seq_len(nrow(bfi))), bfi[, 1:25],
                   gender = bfi$gender)
write.csv(full, "bfi_full.csv", row.names = FALSE, na = "", quote = FALSE)
# 0/1 version: a keyed answer of 4 or more ("slightly accurate" or more) is 1.
binary <- as.data.frame(lapply(keyed, function(x) as.integer(x >= 4)))
write.csv(data.frame(respondent_id = full$respondent_id, binary, gender = bfi$gender),
          "bfi_binary.csv", row.names = FALSE, na = "", quote = FALSE)

# KR-20: psych::alpha on the 0/1 items (pairwise, psych's default), all
# 2,800 respondents.
kr <- list()
for (s in names(keys)) {
  cols <- sub("^-", "", keys[[s]])
  a <- psych::alpha(binary[, cols], warnings = FALSE)
  kr[[s]] <- list(raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha,
                  r_drop = unname(a$item.stats$r.drop), mean = unname(a$item.stats$mean))
}
writeLines(jsonlite::toJSON(kr, digits = NA, auto_unbox = TRUE, pretty = TRUE), "bfi_binary_alpha.json")

# Mantel-Haenszel per 0/1 item: R's mantelhaen.test(correct = TRUE) on the
# group x answer x total-score table of the respondents who answered every
# item of the scale; strata with fewer than 2 respondents dropped (R needs
# that). SE(ln alpha_MH) from the Robins-Breslow-Greenland interval R
# reports: (log(upper) - log(lower)) / (2 qnorm(.975)).
mh <- list()
for (s in names(keys)) {
  cols <- sub("^-", "", keys[[s]])
  d <- binary[, cols]; g <- bfi$gender
  ok <- complete.cases(d) & !is.na(g)
  d <- d[ok, ]; g <- g[ok]; total <- rowSums(d)
  for (col in cols) {
    tab <- table(factor(g, levels = c(2, 1)), factor(d[[col]], levels = c(1, 0)), total)
    tab <- tab[, , apply(tab, 3, sum) >= 2, drop = FALSE]
    t <- mantelhaen.test(tab, correct = TRUE)
    mh[[col]] <- list(scale = s, n_reference = sum(g == 2), n_focal = sum(g == 1),
      strata = dim(tab)[3],
      chi_square = unname(t$statistic), p_value = t$p.value, alpha_mh = unname(t$estimate),
      se_log_alpha = unname((log(t$conf.int[2]) - log(t$conf.int[1])) / (2 * qnorm(0.975))),
      call = "mantelhaen.test(table(gender, item, total), correct = TRUE)")
  }
}
writeLines(jsonlite::toJSON(mh, digits = NA, auto_unbox = TRUE, pretty = TRUE), "bfi_mh_gender.json")

# Mantel's (1963) 1-df test and the standardised mean difference for the
# polytomous (1-6) keyed items, written out from their formulas (no R
# package implements Mantel's 1-df score test for this layout).
mantel <- list()
for (s in names(keys)) {
  cols <- sub("^-", "", keys[[s]])
  d <- keyed[, cols]; g <- bfi$gender
  ok <- complete.cases(d) & !is.na(g)
  d <- d[ok, ]; g <- g[ok]; total <- rowSums(d)
  for (col in cols) {
    y <- d[[col]]; F <- 0; E <- 0; V <- 0; num <- 0; den <- 0
    for (k in unique(total)) {
      i <- total == k; n <- sum(i); if (n < 2) next
      f <- i & g == 1; r <- i & g == 2; nf <- sum(f); nr <- sum(r)
      F <- F + sum(y[f]); E <- E + nf * sum(y[i]) / n
      V <- V + nr * nf * (n * sum(y[i]^2) - sum(y[i])^2) / (n^2 * (n - 1))
      if (nf > 0 && nr > 0) { num <- num + nf * (mean(y[f]) - mean(y[r])); den <- den + nf }
    }
    chi <- (F - E)^2 / V
    mantel[[col]] <- list(scale = s, chi_square = chi, p_value = pchisq(chi, 1, lower.tail = FALSE),
                          smd = num / den, effect_size = (num / den) / sd(y))
  }
}
writeLines(jsonlite::toJSON(mantel, digits = NA, auto_unbox = TRUE, pretty = TRUE), "bfi_mantel_gender.json")

# The hand-worked 2 x 2 x 2 case of tests/analysis.rs.
hand <- array(c(8, 5, 2, 5, 6, 3, 4, 7), dim = c(2, 2, 2))
t <- mantelhaen.test(hand, correct = TRUE)
writeLines(sprintf("hand: chi2 %.17g p %.17g alpha %.17g ci %.17g %.17g",
  t$statistic, t$p.value, t$estimate, t$conf.int[1], t$conf.int[2]))

writeLines(c(
  paste("R", R.version$major, R.version$minor),
  paste("psych", packageVersion("psych")),
  paste("psychTools", packageVersion("psychTools"))
), "versions.txt")
